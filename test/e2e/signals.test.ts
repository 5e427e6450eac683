import {expect} from 'chai'
import type {ChildProcess} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import type {CliResult} from '../helpers/cli.js'
import {type SandboxProcess, useSandbox} from '../helpers/sandbox.js'

type State = {charges: Record<string, number>; charged_submits: number}

/** Resolves once the sandbox has picked `count` faults of `kind`: the request is then on the wire. */
async function faultPicked(sandbox: SandboxProcess, kind: string, count = 1): Promise<void> {
  const deadline = Date.now() + 20_000
  while (Date.now() < deadline) {
    const summary = (await (await fetch(`${sandbox.origin}/_sandbox/faults`)).json()) as {
      injected: Record<string, number>
    }
    if ((summary.injected[kind] ?? 0) >= count) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }

  throw new Error(`no ${kind} fault was injected`)
}

/** Sends `signal` to the CLI once `ready` resolves. */
function signalWhen(ready: () => Promise<void>, signal: NodeJS.Signals) {
  return {
    onSpawn(child: ChildProcess) {
      void ready().then(() => child.kill(signal))
    },
  }
}

describe('signals: a stopped command never loses what was paid for', function () {
  this.timeout(90_000)
  const ctx = useSandbox()
  let slowFaults = 0

  /** The next create's submit is held by the sandbox for `delayMs` (and handled, and charged, after it). */
  async function holdNextSubmit(delayMs: number): Promise<number> {
    await ctx.sandbox.control('faults', {rules: [{endpoint: 'video/t2v', kind: 'slow', delayMs, count: 1}]})
    return ++slowFaults
  }

  afterEach(async function () {
    await ctx.sandbox.control('faults', {rules: []})
  })

  it('SIGTERM during a submit whose answer is late exits 143 with the key; the rerun it prints is not charged again', async function () {
    const before = (await ctx.sandbox.state()) as State
    const picked = await holdNextSubmit(9000)
    const started = Date.now()
    const stopped = await ctx.cli(
      ['create', 'video', '--prompt', 'a late answer', '--json'],
      signalWhen(() => faultPicked(ctx.sandbox, 'slow', picked), 'SIGTERM'),
    )
    expect(stopped.exitCode, stopped.stderr).to.equal(143)
    expect(Date.now() - started, 'bounded wait for the answer').to.be.below(9000)
    expect(stopped.stdout).to.equal('')
    const error = stopped.errorJson()
    expect(error.idempotency_key).to.match(/^pixverse-cli-/)
    expect(String(error.rerun)).to.include(`--idempotency-key ${String(error.idempotency_key)}`)

    // The held request is handled (and charged) now; the rerun with the printed key replays it.
    await new Promise((resolve) => setTimeout(resolve, 4000))
    const rerun = await ctx.cli([
      'create',
      'video',
      '--prompt',
      'a late answer',
      '--idempotency-key',
      String(error.idempotency_key),
      '--no-wait',
      '--json',
    ])
    expect(rerun.exitCode, rerun.stderr).to.equal(0)
    const after = (await ctx.sandbox.state()) as State
    expect(after.charges[String(error.idempotency_key)]).to.equal(1)
    expect(after.charged_submits - before.charged_submits, 'one create, one charge').to.equal(1)
  })

  it('SIGINT during a submit whose answer comes within the grace exits 130 with the id; text mode printed the key first', async function () {
    const picked = await holdNextSubmit(1500)
    const stopped: CliResult = await ctx.cli(
      ['create', 'video', '--prompt', 'an answer in time'],
      signalWhen(() => faultPicked(ctx.sandbox, 'slow', picked), 'SIGINT'),
    )
    expect(stopped.exitCode, stopped.stderr).to.equal(130)
    const key = /Idempotency key (pixverse-cli-[0-9a-f-]{36})/.exec(stopped.stderr)?.[1]
    expect(key, stopped.stderr).to.be.a('string')
    expect(stopped.stderr).to.match(/video_id: \d+/)
    expect(stopped.stderr).to.include('task wait')
    const charges = ((await ctx.sandbox.state()) as State).charges
    expect(charges[key as string]).to.equal(1)
  })

  it('SIGINT during an upload exits 130 at once: nothing was submitted or charged', async function () {
    const before = (await ctx.sandbox.state()) as State
    await ctx.sandbox.control('faults', {rules: [{endpoint: 'oss', kind: 'slow', delayMs: 20_000, count: 1}]})
    await ctx.sandbox.clearRequests()
    const started = Date.now()
    const stopped = await ctx.cli(
      ['create', 'video', '--prompt', 'stopped while uploading', '--image', 'fixtures/media/sample.png', '--json'],
      signalWhen(() => faultPicked(ctx.sandbox, 'slow', slowFaults + 1), 'SIGINT'),
    )
    slowFaults++
    expect(stopped.exitCode, stopped.stderr).to.equal(130)
    expect(Date.now() - started, 'not held by the upload in flight').to.be.below(15_000)
    expect(String(stopped.errorJson().error)).to.include('nothing was charged')
    expect((await ctx.sandbox.requests()).filter((r) => /\/video\/(t2v|i2v)$/.test(r.path))).to.deep.equal([])
    expect(((await ctx.sandbox.state()) as State).charged_submits).to.equal(before.charged_submits)
  })

  it('SIGTERM while waiting exits 143 with the id and how to resume', async function () {
    await ctx.sandbox.configure({taskSeconds: 60})
    try {
      let stderr = ''
      const result = await ctx.cli(['create', 'video', '--prompt', 'a long one', '--json'], {
        onSpawn(child) {
          child.stderr?.on('data', (chunk) => {
            stderr += chunk
          })
          const poll = setInterval(async () => {
            const log = await ctx.sandbox.requests()
            if (log.some((r) => r.path.endsWith('/video/list/detail'))) {
              clearInterval(poll)
              child.kill('SIGTERM')
            }
          }, 100)
        },
      })
      expect(result.exitCode, stderr).to.equal(143)
      const error = result.errorJson()
      expect(error.video_id).to.be.a('number')
      expect(error.idempotency_key).to.match(/^pixverse-cli-/)
      expect(String(error.hint)).to.include(`task wait ${String(error.video_id)}`)
    } finally {
      await ctx.sandbox.configure({taskSeconds: 1})
    }
  })

  it('SIGTERM stops `task wait` like Ctrl-C (exit 143, the id)', async function () {
    await ctx.sandbox.configure({taskSeconds: 60})
    try {
      const created = await ctx.cli(['create', 'video', '--prompt', 'waited for', '--no-wait', '--json'])
      const id = created.json<{video_id: number}>().video_id
      await ctx.sandbox.clearRequests()
      const result = await ctx.cli(['task', 'wait', String(id), '--json'], {
        onSpawn(child) {
          const poll = setInterval(async () => {
            if ((await ctx.sandbox.requests()).length > 0) {
              clearInterval(poll)
              child.kill('SIGTERM')
            }
          }, 100)
        },
      })
      expect(result.exitCode, result.stderr).to.equal(143)
      expect(result.errorJson().video_id).to.equal(id)
    } finally {
      await ctx.sandbox.configure({taskSeconds: 1})
    }
  })

  it('a batch stopped after its rows were submitted counts their credits', async function () {
    await ctx.sandbox.configure({taskSeconds: 60})
    try {
      const dir = mkdtempSync(join(tmpdir(), 'pixverse-signals-'))
      const file = join(dir, 'rows.jsonl')
      writeFileSync(file, ['{"mode":"video","prompt":"one"}', '{"mode":"video","prompt":"two"}'].join('\n') + '\n')
      const result = await ctx.cli(['batch', 'run', file, '--json'], {
        onSpawn(child) {
          const poll = setInterval(async () => {
            const log = await ctx.sandbox.requests()
            if (
              log.filter((r) => r.path.endsWith('/video/t2v')).length >= 2 &&
              log.some((r) => r.path.endsWith('/video/list/detail'))
            ) {
              clearInterval(poll)
              child.kill('SIGINT')
            }
          }, 100)
        },
      })
      expect(result.exitCode, result.stderr).to.equal(130)
      const summary = result.errorJson().summary as {credits_spent: number; interrupted: number}
      expect(summary.interrupted).to.equal(2)
      expect(summary.credits_spent).to.be.greaterThan(0)
    } finally {
      await ctx.sandbox.configure({taskSeconds: 1})
    }
  })
  it('a pipeline stopped while one of its creations is still being sent waits for that answer and counts it', async function () {
    // Two for_each elements: the first submit answers at once, the second only 2.5 s later.
    await ctx.sandbox.control('faults', {
      rules: [
        {endpoint: 'video/t2v', kind: 'slow', delayMs: 50, count: 1},
        {endpoint: 'video/t2v', kind: 'slow', delayMs: 2500, count: 1},
      ],
    })
    const injected = (await (await fetch(`${ctx.sandbox.origin}/_sandbox/faults`)).json()) as {
      injected: Record<string, number>
    }
    const picked = (injected.injected.slow ?? 0) + 2
    const dir = mkdtempSync(join(tmpdir(), 'pixverse-signals-'))
    const file = join(dir, 'takes.json')
    const step = {id: 'takes', mode: 'video', for_each: ['a', 'b'], prompt: 'take ${item} [sandbox:seconds=60]'}
    writeFileSync(file, JSON.stringify({name: 'takes', steps: [step]}))
    const stateFile = join(dir, 'out', 'pipeline.state.json')
    type Unit = {status: string; cost?: number}
    const units = (): Unit[] =>
      existsSync(stateFile) ? (JSON.parse(readFileSync(stateFile, 'utf8')).steps[0]?.units ?? []) : []
    const oneSubmitted = async () => {
      await faultPicked(ctx.sandbox, 'slow', picked)
      while (!units().some((unit) => unit.status === 'submitted')) await new Promise((r) => setTimeout(r, 50))
    }

    // Both elements get a slot of their own, whatever earlier tests left running.
    const {slots} = (await ctx.sandbox.state()) as {slots: {video: {limit: number}}}
    await ctx.sandbox.configure({slots: {video: 100}})
    const result = await ctx
      .cli(['pipeline', 'run', file, '--out', join(dir, 'out'), '--json'], signalWhen(oneSubmitted, 'SIGTERM'))
      .finally(() => ctx.sandbox.configure({slots: {video: slots.video.limit}}))
    expect(result.exitCode, result.stderr).to.equal(143)
    const submitted = units().filter((unit) => unit.status === 'submitted')
    expect(submitted, 'the late answer was recorded before the run ended').to.have.length(2)
    const summary = result.errorJson().summary as {credits_spent: number}
    expect(summary.credits_spent).to.equal(submitted.reduce((sum, unit) => sum + (unit.cost ?? 0), 0))
  })
})
