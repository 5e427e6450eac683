import {expect} from 'chai'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {type CliResult, runCli} from '../helpers/cli.js'
import {
  COMMAND_TABLE,
  type CommandCase,
  commandWords,
  fillPlaceholders,
  manifestCommands,
} from '../helpers/command-table.js'
import {expectJsonContract} from '../helpers/json-contract.js'
import {isolatedOclifDirs} from '../helpers/oclif-dirs.js'
import {cliFor, useSandbox} from '../helpers/sandbox.js'
import {useTestClock} from '../helpers/test-clock.js'

const commands = manifestCommands()

describe('the JSON contract, walked over every command in the manifest', function () {
  this.timeout(120_000)
  // In-process (the subject is each command's contract, not the process); polls, timeouts and
  // back-offs run on a test clock, a skipped second costing 50 ms of the sandbox's real time.
  const ctx = useSandbox({inProcess: true})
  useTestClock({realMsPerSecond: 50})
  /** Another home (not logged in) on the same sandbox, run the same way. */
  const freshCli = () => cliFor(ctx.sandbox, undefined, {}, ctx.cli.runner)
  let values: Record<string, string>

  const row = (id: string): CommandCase => COMMAND_TABLE[id]
  const argsFor = (id: string, extra: string[] = []) => [
    ...commandWords(id),
    ...fillPlaceholders(row(id).success ?? [], values),
    ...extra,
    '--json',
  ]
  /** The success args with a sandbox marker in the row's marker flag (default --prompt): it steers the outcome. */
  const markedArgs = (id: string, marker: string, extra: string[] = []) => {
    const [flag, value] = row(id).marker ?? ['--prompt', '{marker}']
    const args = argsFor(id, extra)
    const at = args.indexOf(flag)
    if (at === -1) return [...args, flag, value.replace('{marker}', marker)]
    args[at + 1] = value.replace('{marker}', marker)
    return args
  }
  /** Rows that speak JSON (text-only plugin commands have their own test below). */
  const withRow = (filter: (c: CommandCase) => boolean) =>
    commands.filter((c) => row(c.id) && !row(c.id).text && filter(row(c.id)))
  /** Runs a command with its row's environment, logged in unless told otherwise. */
  const runAs = (id: string, args: string[], as: ReturnType<typeof cliFor> = row(id).fresh ? freshCli() : ctx.cli) =>
    as(args, {env: row(id).env})

  /** Runs one case per command, two at a time (the machine has two cores). */
  async function walk(
    ids: string[],
    run: (id: string) => Promise<CliResult>,
    expected: (id: string) => number,
    what: string,
  ) {
    const failures: string[] = []
    for (let i = 0; i < ids.length; i += 2) {
      await Promise.all(
        ids.slice(i, i + 2).map(async (id) => {
          const result = await run(id)
          try {
            expectJsonContract(result, expected(id), `${id} (${what})`)
          } catch (error) {
            failures.push((error as Error).message)
          }
        }),
      )
    }
    expect(failures, failures.join('\n\n')).to.deep.equal([])
  }

  before(async function () {
    // Every creation mode leaves a slow task running in the timeout walk: more than the 5 default slots.
    await ctx.sandbox.configure({slots: 100})
    const video = await ctx.cli(['create', 'video', '--prompt', 'contract fixture', '--json'])
    expect(video.exitCode, video.stderr).to.equal(0)
    const slow = await ctx.cli(['create', 'video', '--prompt', 'slow [sandbox:seconds=900]', '--no-wait', '--json'])
    const failed = await ctx.cli(['create', 'video', '--prompt', 'doomed [sandbox:fail]', '--no-wait', '--json'])
    const spare = await ctx.cli(['create', 'video', '--prompt', 'deleted by the walk', '--json'])
    const folder = await ctx.cli(['saved', 'new', 'contract folder', '--json'])
    const doomed = await ctx.cli(['saved', 'new', 'deleted by the walk', '--json'])
    const dir = mkdtempSync(join(tmpdir(), 'pixverse-contract-'))
    const manifest = join(dir, 'walk.jsonl')
    writeFileSync(manifest, '{"mode":"video","prompt":"batch row of the walk"}\n')
    const batched = join(dir, 'batched.jsonl')
    writeFileSync(batched, '{"mode":"image","prompt":"a batch that already ran"}\n')
    const ran = await ctx.cli(['batch', 'run', batched, '--json'])
    for (const made of [spare, folder, doomed, ran]) expect(made.exitCode, made.stderr).to.equal(0)
    values = {
      video: String(video.json().video_id),
      spare: String(spare.json().video_id),
      folder: String(folder.json().folder_id),
      doomed: String(doomed.json().folder_id),
      template: '315000', // seeded by the sandbox: a text-only video template (src/sandbox/catalog-data.ts)
      slow: String(slow.json().video_id),
      failed: String(failed.json().video_id),
      dir: mkdtempSync(join(tmpdir(), 'pixverse-contract-')),
      manifest,
      batched,
    }
  })

  it('has a row for every command in oclif.manifest.json', function () {
    const missing = commands.map((c) => c.id).filter((id) => !COMMAND_TABLE[id])
    expect(
      missing,
      `Add these commands to COMMAND_TABLE in test/helpers/command-table.ts (args for a success run, and api/login/creates): ${missing.join(', ')}`,
    ).to.deep.equal([])
    const stale = Object.keys(COMMAND_TABLE).filter((id) => !commands.some((c) => c.id === id))
    expect(stale, `COMMAND_TABLE rows for commands that no longer exist: ${stale.join(', ')}`).to.deep.equal([])
  })

  it('0: every command succeeds with one JSON document on stdout', async function () {
    const ids = withRow((c) => !c.skip && c.success !== undefined).map((c) => c.id)
    await walk(
      ids,
      (id) => runAs(id, argsFor(id)),
      () => 0,
      'success',
    )
  })

  it('0: the text-only plugin commands succeed without --json, for the reason their row gives', async function () {
    const ids = commands.filter((c) => row(c.id)?.text).map((c) => c.id)
    expect(ids, 'plugin commands without --json').to.include.members(['autocomplete', 'autocomplete:create'])
    for (const id of ids) {
      expect(row(id).text, `${id}: the reason it prints text`).to.match(/\w{10}/)
      // Their own cache/data folders: the completion cache never touches the real user's.
      const result = await runCli([...commandWords(id), ...fillPlaceholders(row(id).success ?? [], values)], {
        env: {...isolatedOclifDirs(), ...row(id).env},
      })
      expect(result.exitCode, `${id}: ${result.stderr}`).to.equal(0)
      expect(result.stderr, id).not.to.match(/error/i)
    }
  })

  it('6: an unknown flag is refused before any request, as JSON on stderr', async function () {
    await ctx.sandbox.clearRequests()
    await walk(
      withRow(() => true).map((c) => c.id),
      (id) => runAs(id, argsFor(id, ['--zz-no-such-flag']), ctx.cli),
      () => 6,
      'unknown flag',
    )
    expect(await ctx.sandbox.requests()).to.deep.equal([])
  })

  it('3: commands that need a login exit 3 in a home without one', async function () {
    const ids = withRow((c) => Boolean(c.login)).map((c) => c.id)
    await walk(
      ids,
      (id) => runAs(id, argsFor(id), freshCli()),
      () => 3,
      'not logged in',
    )
  })

  it('1: a service error exits 1 with the service message', async function () {
    await ctx.sandbox.control('faults', {rules: [{endpoint: '*', kind: 'service-error'}]})
    try {
      const ids = withRow((c) => Boolean(c.api)).map((c) => c.id)
      await walk(
        ids,
        (id) => runAs(id, argsFor(id)),
        () => 1,
        'service error',
      )
    } finally {
      await ctx.sandbox.control('faults', {rules: []})
    }
  })

  it('1: an answer that is not JSON (every retry) exits 1, never printing garbage', async function () {
    await ctx.sandbox.control('faults', {rules: [{endpoint: '*', kind: 'malformed-json'}]})
    try {
      // One command is enough (each failure costs the full retry schedule); auth status when it exists.
      const api = withRow((c) => Boolean(c.api) && !c.fresh).map((c) => c.id)
      const ids = api.includes('auth:status') ? ['auth:status'] : api.slice(0, 1)
      await walk(
        ids,
        (id) => runAs(id, argsFor(id), ctx.cli),
        () => 1,
        'malformed JSON',
      )
    } finally {
      await ctx.sandbox.control('faults', {rules: []})
    }
  })

  it('7: a concurrency refusal exits 7', async function () {
    await ctx.sandbox.control('faults', {rules: [{endpoint: '*', kind: 'concurrency-limit'}]})
    try {
      const ids = withRow((c) => Boolean(c.api)).map((c) => c.id)
      await walk(
        ids,
        (id) => runAs(id, argsFor(id)),
        () => 7,
        'concurrency limit',
      )
    } finally {
      await ctx.sandbox.control('faults', {rules: []})
    }
  })

  it('2, 5: waiting commands time out on a slow task and fail on a failed one', async function () {
    const ids = withRow((c) => Boolean(c.waits)).map((c) => c.id)
    const on = (id: string, task: string, extra: string[] = []) =>
      argsFor(id, extra).map((a) => (a === values.video ? values[task] : a))
    await walk(
      ids,
      (id) => runAs(id, on(id, 'slow', ['--timeout', '1']), ctx.cli),
      () => 2,
      'wait timeout',
    )
    await walk(
      ids,
      (id) => runAs(id, on(id, 'failed'), ctx.cli),
      () => 5,
      'task failed',
    )
  })

  it('4, 5, 2: creations without credits, that fail, or that outlast --timeout', async function () {
    const ids = withRow((c) => Boolean(c.creates)).map((c) => c.id)
    await walk(
      ids,
      (id) => runAs(id, markedArgs(id, 'doomed [sandbox:fail]'), ctx.cli),
      () => 5,
      'generation failed',
    )
    await walk(
      ids,
      (id) => runAs(id, markedArgs(id, 'slow [sandbox:seconds=30]', ['--timeout', '1']), ctx.cli),
      () => 2,
      'wait timeout',
    )
    const {credits} = (await ctx.sandbox.state()) as {credits: {total: number}}
    await ctx.sandbox.configure({credits: 0})
    try {
      await walk(
        ids,
        (id) => runAs(id, argsFor(id), ctx.cli),
        () => 4,
        'no credits',
      )
    } finally {
      await ctx.sandbox.configure({credits: credits.total})
    }
  })
})
