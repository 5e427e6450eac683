import {expect} from 'chai'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {modelsFor} from '../../src/catalog/index.js'
import {creations} from '../../src/creations/index.js'
import {ROOT, runCli} from '../helpers/cli.js'
import {isolatedOclifDirs} from '../helpers/oclif-dirs.js'
import {expectSchema} from '../helpers/schema.js'

const REGENERATE =
  'capabilities.snapshot.json disagrees with the parser: if the change is intended, run `npm run snapshot` and commit the file.'

interface Capabilities {
  version?: string
  commands: Array<{id: string; flags: Record<string, {type: string; options?: string[]; default?: unknown}>}>
  exit_codes: Array<{code: number; name: string; meaning: string}>
  polling: {
    status_codes: Record<string, number[]>
    intervals: Array<{interval_seconds: number}>
    default_timeout_seconds: number
  }
  catalog: Record<string, {models: Record<string, unknown>}>
}

describe('capabilities --json', function () {
  let doc: Capabilities
  before(async () => {
    const result = await runCli(['capabilities', '--json'], {env: isolatedOclifDirs()})
    expect(result.exitCode, result.stderr).to.equal(0)
    doc = result.json<Capabilities>()
  })

  it("marks each creation's required inputs (its definition's) as required", function () {
    const flags = (id: string) => doc.commands.find((command) => command.id === id)?.flags ?? {}
    const required = (id: string) =>
      Object.entries(flags(id))
        .filter(([, flag]) => (flag as {required?: boolean}).required)
        .map(([name]) => name)
        .sort()
    for (const [name, creation] of Object.entries(creations))
      expect(required(`create ${name}`), name).to.deep.equal([...creation.required].sort())
  })

  it('matches its committed result schema', function () {
    expectSchema('capabilities', doc)
  })

  it('lists every command the CLI has (the oclif manifest and core plugins)', function () {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8')) as {
      commands: Record<string, {hidden?: boolean}>
    }
    const core = Object.entries(manifest.commands)
      .filter(([, c]) => !c.hidden)
      .map(([id]) => id.replaceAll(':', ' '))
    const ids = doc.commands.map((c) => c.id)
    expect(ids).to.include.members(core)
    expect(ids).to.include.members(['plugins install', 'plugins link', 'help'])
  })

  it('describes flags, exit codes, the polling contract and the catalogue', function () {
    const video = doc.commands.find((c) => c.id === 'create video')!
    expect(video.flags.model.options).to.deep.equal(modelsFor('video'))
    expect(video.flags.timeout.default).to.equal(300)
    expect(doc.exit_codes.map((e) => e.code)).to.include.members([0, 1, 2, 3, 4, 5, 6, 7])
    expect(doc.polling.status_codes).to.deep.equal({done: [1], pending: [5, 9, 10], failed: [7, 8]})
    expect(doc.polling.intervals.map((i) => i.interval_seconds)).to.deep.equal([2, 5, 10])
    expect(doc.polling.default_timeout_seconds).to.equal(300)
    expect(Object.keys(doc.catalog.video.models)).to.deep.equal(modelsFor('video'))
  })

  it('matches the committed snapshot', function () {
    const snapshot = JSON.parse(readFileSync(join(ROOT, 'capabilities.snapshot.json'), 'utf8')) as Capabilities
    const {version: _version, ...current} = doc
    expect(current, REGENERATE).to.deep.equal(snapshot)
  })
})
