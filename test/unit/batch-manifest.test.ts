import {expect} from 'chai'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {parseCsv} from '../../src/batch/csv.js'
import {flagKey, readManifest} from '../../src/batch/manifest.js'

function manifest(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'pixverse-manifest-')), name)
  writeFileSync(file, text)
  return file
}

describe('batch manifests', function () {
  it('parses CSV with quotes, doubled quotes, embedded commas and newlines', function () {
    const rows = parseCsv('mode,prompt\nvideo,"a ""quoted"", multi\nline prompt"\r\nimage,plain\n')
    expect(rows).to.deep.equal([
      {line: 1, cells: ['mode', 'prompt']},
      {line: 2, cells: ['video', 'a "quoted", multi\nline prompt']},
      {line: 4, cells: ['image', 'plain']},
    ])
  })

  it('reads JSONL with comments and blank lines, keeping line numbers', function () {
    const rows = readManifest(
      manifest(
        'm.jsonl',
        '# header\n{"mode":"video","prompt":"a","aspect_ratio":"9:16"}\n\n{"mode":"motion_control","image":"x"}\n',
      ),
    )
    expect(rows).to.deep.equal([
      {line: 2, row: 1, mode: 'video', fields: {prompt: 'a', 'aspect-ratio': '9:16'}},
      {line: 4, row: 2, mode: 'motion-control', fields: {image: 'x'}},
    ])
  })

  it('reads CSV manifests and skips empty cells', function () {
    const rows = readManifest(manifest('m.csv', 'mode,prompt,duration,model\nvideo,a cat,5,\n'))
    expect(rows).to.deep.equal([{line: 2, row: 1, mode: 'video', fields: {prompt: 'a cat', duration: '5'}}])
  })

  it('names the line of a broken row', function () {
    expect(() => readManifest(manifest('m.jsonl', '{"mode":"video"}\n{oops\n'))).to.throw(/line 2/)
    expect(() => readManifest(manifest('m.jsonl', '{"prompt":"x"}\n'))).to.throw(/line 1: "mode" is required/)
  })

  it('maps every spelling of a field to its flag name', function () {
    expect(['aspect_ratio', 'aspectRatio', 'aspect-ratio', '--aspect-ratio'].map(flagKey)).to.deep.equal(
      Array(4).fill('aspect-ratio'),
    )
  })
})
