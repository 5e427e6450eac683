import {expect} from 'chai'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {COMMAND_TABLE, commandWords, fillPlaceholders, manifestCommands} from '../helpers/command-table.js'
import {useSandbox} from '../helpers/sandbox.js'
import {expectSchema, schemaAccepts} from '../helpers/schema.js'
import {useTestClock} from '../helpers/test-clock.js'

/**
 * Every `create` command's --json result, submitted (--no-wait), completed, and with --count 2
 * where the mode takes it, held to its committed schema (schemas/create-<mode>.json).
 */
describe('result schemas of every create command', function () {
  this.timeout(300_000)
  const ctx = useSandbox({inProcess: true})
  useTestClock({realMsPerSecond: 50})
  const creates = manifestCommands().filter((command) => command.id.startsWith('create:'))
  let values: Record<string, string>

  before(async function () {
    await ctx.sandbox.configure({slots: 100})
    const video = await ctx.cli(['create', 'video', '--prompt', 'schema fixture', '--json'])
    expect(video.exitCode, video.stderr).to.equal(0)
    values = {video: String(video.json().video_id), template: '315000'}
  })

  it('covers all 13 create commands', function () {
    expect(creates.map((command) => command.id)).to.have.length(13)
  })

  for (const command of manifestCommands().filter((c) => c.id.startsWith('create:'))) {
    const schema = command.id.replace(':', '-')
    it(`${command.id}: submitted, completed${command.flags.count ? ' and --count 2' : ''}`, async function () {
      const args = [...commandWords(command.id), ...fillPlaceholders(COMMAND_TABLE[command.id].success ?? [], values)]
      const runs = [['--no-wait'], [], ...(command.flags.count ? [['--count', '2']] : [])]
      for (const extra of runs) {
        const result = await ctx.cli([...args, ...extra, '--json'], {env: COMMAND_TABLE[command.id].env})
        expect(result.exitCode, `${command.id} ${extra.join(' ')}: ${result.stderr}`).to.equal(0)
        expectSchema(schema, result.json())
      }
    })
  }

  it('the schemas tell results apart (a video result is not an image or a voice result)', async function () {
    const video = await ctx.cli(['create', 'video', '--prompt', 'schema check', '--json'])
    expectSchema('create-video', video.json())
    expect(schemaAccepts('create-image', video.json())).to.equal(false)
    expect(schemaAccepts('create-voice', video.json())).to.equal(false)
  })

  it('a finished video has one shape: an item of create --count is an item of batch run', async function () {
    const created = await ctx.cli(['create', 'video', '--prompt', 'one shape', '--count', '2', '--json'])
    expect(created.exitCode, created.stderr).to.equal(0)
    const manifest = join(mkdtempSync(join(tmpdir(), 'pixverse-shape-')), 'one.jsonl')
    writeFileSync(manifest, '{"mode":"video","prompt":"one shape","count":2}\n')
    const batch = await ctx.cli(['batch', 'run', manifest, '--json'])
    expect(batch.exitCode, batch.stderr).to.equal(0)
    expectSchema('batch-run', batch.json())
    const [createItem] = created.json<{items: Record<string, unknown>[]}>().items
    const [batchItem] = batch.json<{rows: Array<{items: Record<string, unknown>[]}>}>().rows[0].items
    expect(Object.keys(batchItem)).to.deep.equal(Object.keys(createItem))
    expect(batchItem.video_id).to.be.a('number')
  })
})
