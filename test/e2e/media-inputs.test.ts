import {expect} from 'chai'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import sharp from 'sharp'

import {ROOT} from '../helpers/cli.js'
import {useSandbox} from '../helpers/sandbox.js'

describe('media inputs: what a person types, checked before anything is sent', function () {
  this.timeout(90_000)
  const ctx = useSandbox()
  const dir = mkdtempSync(join(tmpdir(), 'pixverse-media-inputs-'))

  for (const [what, value, message] of [
    ['a mistyped relative path', 'photos/cat.png', /no such file/],
    ['a text file named .png', join(dir, 'notes.png'), /not a PNG, JPEG or WebP/],
    ['a folder', dir, /is a folder/],
  ] as const) {
    it(`${what} is exit 6 and nothing is sent or uploaded`, async function () {
      writeFileSync(join(dir, 'notes.png'), 'not an image')
      await ctx.sandbox.clearRequests()
      const result = await ctx.cli(['create', 'video', '--prompt', 'x', '--image', value, '--json'])
      expect(result.exitCode, result.stderr).to.equal(6)
      expect(String(result.errorJson().error)).to.match(message)
      expect(await ctx.sandbox.requests()).to.deep.equal([])
    })
  }

  it('a drag-and-dropped (quoted) path is the file; a large image says what it was resized to', async function () {
    const big = join(dir, 'wide.png')
    await sharp({create: {width: 2400, height: 1200, channels: 3, background: '#336699'}})
      .png()
      .toFile(big)
    const result = await ctx.cli(['create', 'image', '--prompt', 'x', '--image', `'${big}'`], {cwd: ROOT})
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(result.stderr).to.match(/resized to 1920x960/)
  })
})
