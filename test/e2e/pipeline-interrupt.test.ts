import {expect} from 'chai'
import type {ChildProcess} from 'node:child_process'
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'

import {type RunDoc, charges, creationPosts, outDir, pipelineFile, probe} from '../helpers/pipeline.js'
import {useSandbox} from '../helpers/sandbox.js'

// A pipeline stopped by a signal (or killed): the process is the subject, so these stay subprocesses;
// the other pipeline cases run in-process (test/int/pipeline.test.ts).
describe('pipeline run: a production in one resumable command', function () {
  this.timeout(240_000)
  // Two slots: the SIGTERM case stops the run once two shots are submitted, and the other two then
  // wait for a slot instead of being in flight. (With four slots, all four shots go out at once and
  // the signal can land while two submits are unanswered: the interrupted summary then counts only
  // the answered ones, below the state file's submitted units, and the case fails by timing.)
  const ctx = useSandbox({flags: ['--slots', '2']})

  it('after SIGTERM mid-run, the rerun waits for what was submitted and pays for each creation once', async function () {
    const out = outDir()
    const file = pipelineFile(
      'slow.yaml',
      [
        'name: slow',
        'steps:',
        '  - {id: board, mode: image, prompt: "board [sandbox:seconds=1]"}',
        '  - {id: panels, mode: split, image: "${board.image}", rows: 2, columns: 2}',
        '  - {id: shots, mode: video, for_each: "${panels.images}", image: "${item}", prompt: "shot ${index} [sandbox:seconds=5]"}',
        '  - {id: film, mode: concat, videos: "${shots.videos}"}',
        '',
      ].join('\n'),
    )
    const stateFile = join(out, 'pipeline.state.json')
    let child!: ChildProcess
    const run = ctx.cli(['pipeline', 'run', file, '--out', out, '--json'], {
      onSpawn: (c) => (child = c),
      timeoutMs: 120_000,
    })
    const submittedShots = () => {
      if (!existsSync(stateFile)) return []
      const steps = JSON.parse(readFileSync(stateFile, 'utf8')).steps as Array<{
        id: string
        units?: Array<{status: string; key: string}>
      }>
      return (steps.find((s) => s.id === 'shots')?.units ?? []).filter((u) => u.status === 'submitted')
    }

    const deadline = Date.now() + 60_000
    while (Date.now() < deadline && submittedShots().length < 2) await new Promise((r) => setTimeout(r, 100))
    child.kill('SIGTERM')
    const {exitCode, stdout, stderr} = await run
    expect(exitCode, stderr).to.equal(143)
    expect(stdout).to.equal('')
    const keys = submittedShots().map((u) => u.key)
    expect(keys.length).to.be.greaterThan(1)
    // The interrupted run still says what it paid: the board and the shots it submitted.
    const interrupted = JSON.parse(
      stderr
        .trim()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .at(-1) as string,
    ) as {summary: {credits_spent: number}}
    const units = (
      JSON.parse(readFileSync(stateFile, 'utf8')).steps as Array<{units?: Array<{status: string; cost?: number}>}>
    ).flatMap((step) => step.units ?? [])
    const submittedCost = units.filter((u) => u.status !== 'pending').reduce((sum, u) => sum + (u.cost ?? 0), 0)
    expect(interrupted.summary.credits_spent).to.equal(submittedCost)

    await ctx.sandbox.clearRequests()
    const rerun = await ctx.cli(['pipeline', 'run', file, '--out', out, '--json'], {timeoutMs: 120_000})
    expect(rerun.exitCode, rerun.stderr).to.equal(0)
    const doc = rerun.json<RunDoc>()
    expect(doc.steps.map((s) => s.status)).to.deep.equal(['completed', 'completed', 'completed', 'completed'])
    const resent = (await creationPosts(ctx.sandbox)).filter((p) => keys.includes(p.body.idempotency_key as string))
    expect(resent, 'creations submitted before SIGTERM were sent again').to.deep.equal([])
    const charged = await charges(ctx.sandbox)
    for (const key of doc.steps.flatMap((s) => s.idempotency_keys ?? [])) expect(charged[key], key).to.equal(1)
    expect(probe(doc.final as string).streams).to.include('video')
  })

  it('storyboard interrupted at several points (Ctrl-C, SIGTERM, a crash) still ends with each creation charged once', async function () {
    const out = outDir()
    const args = [
      'pipeline',
      'run',
      'storyboard',
      '--var',
      'prompt=a heron [sandbox:seconds=3]',
      '--out',
      out,
      '--json',
    ]
    const before = await charges(ctx.sandbox)
    // Points spread over the board, the split, the shots' submits and waits; SIGKILL stands for a crash.
    for (const [delay, signal] of [
      [1800, 'SIGINT'],
      [4200, 'SIGKILL'],
      [5200, 'SIGTERM'],
      [7500, 'SIGINT'],
    ] as const) {
      let child!: ChildProcess
      const run = ctx.cli(args, {onSpawn: (c) => (child = c), timeoutMs: 120_000})
      await new Promise((r) => setTimeout(r, delay))
      child.kill(signal)
      const {exitCode} = await run
      // A run may also have finished before the signal came; a SIGKILLed one reads as 128.
      expect([0, 128, 130, 143]).to.include(exitCode)
    }

    const final = await ctx.cli(args, {timeoutMs: 120_000})
    expect(final.exitCode, final.stderr).to.equal(0)
    const doc = final.json<RunDoc>()
    expect(doc.steps.every((s) => s.status === 'completed')).to.equal(true)
    const keys = doc.steps.flatMap((s) => s.idempotency_keys ?? [])
    expect(keys).to.have.length(5)
    // Every charge of these runs is one of the five creations, each exactly once.
    const charged = Object.entries(await charges(ctx.sandbox)).filter(([key]) => !(key in before))
    expect(Object.fromEntries(charged)).to.deep.equal(Object.fromEntries(keys.map((key) => [key, 1])))
    expect(probe(doc.final as string).streams).to.include('video')
  })
})
