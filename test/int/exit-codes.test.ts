import {expect} from 'chai'

import type {CliResult} from '../helpers/cli.js'
import {cliFor, login, useSandbox} from '../helpers/sandbox.js'
import {useTestClock} from '../helpers/test-clock.js'

/** In JSON mode a failure leaves stdout empty and puts one JSON error object on stderr. */
function expectJsonFailure(result: CliResult, exitCode: number): Record<string, unknown> {
  expect(result.exitCode, result.stderr).to.equal(exitCode)
  expect(result.stdout).to.equal('')
  const error = result.errorJson()
  expect(error.error).to.be.a('string').and.not.empty
  expect(error.exit_code).to.equal(exitCode)
  return error
}

describe('exit codes, provoked for real through the sandbox', function () {
  // In-process, polls and timeouts on a test clock: the subject is the exit code each failure maps
  // to. The process-level mapping (bin/run.js, signals) is covered by startup and journey tests.
  const ctx = useSandbox({inProcess: true})
  useTestClock({realMsPerSecond: 50})
  /** Another home (not logged in) on the same sandbox, run the same way. */
  const freshCli = () => cliFor(ctx.sandbox, undefined, {}, ctx.cli.runner)

  it('2: a wait that outlasts --timeout exits 2 and still names the id to resume', async function () {
    const result = await ctx.cli([
      'create',
      'video',
      '--prompt',
      'slow [sandbox:seconds=30]',
      '--timeout',
      '1',
      '--json',
    ])
    const error = expectJsonFailure(result, 2)
    expect(error.video_id).to.be.a('number')
    expect(error.hint).to.include('task wait')
    const wait = await ctx.cli(['task', 'wait', String(error.video_id), '--timeout', '1', '--json'])
    expect(expectJsonFailure(wait, 2).video_id).to.equal(error.video_id)
  })

  it('3: no credentials — the service refuses, the CLI exits 3', async function () {
    const anonymous = freshCli()
    const result = await anonymous(['create', 'video', '--prompt', 'x', '--json'])
    expect(expectJsonFailure(result, 3).code).to.equal(10002)
  })

  it('3: auth status refuses locally when nobody is logged in', async function () {
    const anonymous = freshCli()
    await ctx.sandbox.clearRequests()
    const result = await anonymous(['auth', 'status', '--json'])
    expect(result.exitCode).to.equal(3)
    expect(result.json()).to.deep.equal({authenticated: false, message: 'Not logged in'})
    expect(await ctx.sandbox.requests()).to.deep.equal([])
  })

  it('3: an expired token exits 3 with a hint to log in', async function () {
    const other = freshCli()
    await login(other)
    await ctx.sandbox.control('expire-tokens')
    try {
      const result = await other(['task', 'status', '1', '--json'])
      const error = expectJsonFailure(result, 3)
      expect(error.code).to.equal(10005)
      expect(error.hint).to.include('auth login')
    } finally {
      await login(ctx.cli) // every token expired: the shared session logs in again
    }
  })

  it('3 in text mode too, on stderr', async function () {
    const result = await freshCli()(['auth', 'status'])
    expect(result.exitCode).to.equal(3)
    expect(result.stdout).to.equal('')
    expect(result.stderr).to.match(/^error Not logged in/m)
  })

  it('4: out of credits exits 4 and creates nothing', async function () {
    const poor = freshCli()
    await login(poor)
    await ctx.sandbox.configure({credits: 0})
    try {
      const result = await poor(['create', 'video', '--prompt', 'x', '--json'])
      expect(expectJsonFailure(result, 4).code).to.equal(500043)
    } finally {
      await ctx.sandbox.configure({credits: 1_000_000})
    }
  })

  it('5: a failed generation exits 5', async function () {
    const result = await ctx.cli(['create', 'video', '--prompt', 'doomed [sandbox:fail]', '--json'])
    expectJsonFailure(result, 5)
  })

  it('5: a moderated generation exits 5', async function () {
    const result = await ctx.cli(['create', 'video', '--prompt', 'rejected [sandbox:reject]', '--json'])
    expect(expectJsonFailure(result, 5).error).to.match(/not approved/i)
  })

  it('5: a prompt blocked by content policy at submit exits 5', async function () {
    const result = await ctx.cli(['create', 'video', '--prompt', 'blocked [sandbox:sensitive]', '--json'])
    expect(expectJsonFailure(result, 5).code).to.equal(500063)
  })

  it('6: bad input exits 6 before any request is sent', async function () {
    const bad: string[][] = [
      ['create', 'video', '--prompt', 'x', '--count', '9'],
      ['create', 'video', '--prompt', 'x', '--model', 'v5.5'],
      ['create', 'video', '--prompt', 'x', '--timeout', 'abc'],
      ['create', 'video', '--prompt', 'x', '--image', './no-such-file.png'],
      ['create', 'video', '--prompt', 'x', '--image', 'http://example.com/a.png'],
      ['create', 'video', '--prompt', 'x', '--no-such-flag'],
      ['create', 'video'],
      ['task', 'status', 'abc'],
      ['task', 'wait', '12', '--timeout', '0'],
      ['create', 'video', '--prompt', 'x', '--trace-id', 'not-a-uuid'],
      ['create', 'video', '--prompt', 'x', '--workspace-id', '-3'],
    ]
    await ctx.sandbox.clearRequests()
    for (const args of bad) {
      const result = await ctx.cli([...args, '--json'])
      const error = expectJsonFailure(result, 6)
      expect(String(error.error), args.join(' ')).not.to.include('\n')
    }

    expect(await ctx.sandbox.requests()).to.deep.equal([])
  })

  it('6: validation messages name the flag and the rule', async function () {
    const count = await ctx.cli(['create', 'video', '--prompt', 'x', '--count', '5', '--json'])
    expect(count.errorJson().error).to.equal('Invalid --count value: "5" (must be an integer between 1 and 4)')
    const trace = await ctx.cli(['create', 'video', '--prompt', 'x', '--trace-id', 'nope', '--json'])
    expect(trace.errorJson().error).to.equal('Invalid --trace-id. Must be a UUIDv4.')
    const model = await ctx.cli(['create', 'video', '--prompt', 'x', '--model', 'v5.5', '--json'])
    expect(model.errorJson().error).to.include('--model').and.to.include('v6')
  })

  it('7: every concurrent slot busy exits 7', async function () {
    // Earlier tests may still hold slots (the 30 s timeout task): leave exactly one free.
    const {slots} = (await ctx.sandbox.state()) as {slots: {video: {used: number}}}
    await ctx.sandbox.configure({slots: slots.video.used + 1})
    try {
      const first = await ctx.cli(['create', 'video', '--prompt', 'hold [sandbox:seconds=20]', '--no-wait', '--json'])
      expect(first.exitCode, first.stderr).to.equal(0)
      const second = await ctx.cli(['create', 'video', '--prompt', 'x', '--no-wait', '--json'])
      expect(expectJsonFailure(second, 7).code).to.equal(500044)
    } finally {
      await ctx.sandbox.configure({slots: 5})
    }
  })

  it('task status with several ids prints every result, then exits by the most severe failure', async function () {
    const made = await ctx.cli(['create', 'video', '--prompt', 'status batch', '--no-wait', '--json'])
    const id = String(made.json().video_id)
    const mixed = await ctx.cli(['task', 'status', id, '1', id, '--json'])
    expect(mixed.exitCode, mixed.stderr).to.equal(0) // an unknown id is a general error: it does not change the code
    const map = mixed.json<Record<string, Record<string, unknown>>>()
    expect(Object.keys(map).sort()).to.deep.equal(['1', id].sort())
    expect(map['1']).to.include({code: 400001})
    expect(map[id]).to.include({id: Number(id), type: 'video'})

    await ctx.sandbox.control('faults', {rules: [{endpoint: 'video/list/detail', kind: 'concurrency-limit', count: 1}]})
    try {
      const limited = await ctx.cli(['task', 'status', id, '1', '--json'])
      expect(limited.exitCode).to.equal(7)
      const entries = Object.values(limited.json<Record<string, Record<string, unknown>>>())
      expect(entries.map((entry) => entry.code)).to.include.members([500044, 400001])
    } finally {
      await ctx.sandbox.control('faults', {rules: []})
    }
  })

  it('the same error in text mode goes to stderr with the same exit code', async function () {
    const result = await ctx.cli(['create', 'video', '--prompt', 'x', '--count', '0'])
    expect(result.exitCode).to.equal(6)
    expect(result.stdout).to.equal('')
    expect(result.stderr).to.match(/^error Invalid --count value/m)
  })

  it('a stored default that is no longer valid tells the exact fix', async function () {
    const {writeFileSync} = await import('node:fs')
    const {join} = await import('node:path')
    writeFileSync(
      join(ctx.cli.home, 'config.json'),
      JSON.stringify({defaults: {video: {model: 'v5.5'}}, defaultsVersion: 2}),
    )
    try {
      const result = await ctx.cli(['create', 'video', '--prompt', 'x', '--json'])
      const error = expectJsonFailure(result, 6)
      expect(`${error.error} ${error.hint}`).to.include('pixverse config defaults set video model')
    } finally {
      writeFileSync(join(ctx.cli.home, 'config.json'), '{}')
    }
  })
})
