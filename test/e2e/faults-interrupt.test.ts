import {expect} from 'chai'
import type {ChildProcess} from 'node:child_process'

import {useSandbox} from '../helpers/sandbox.js'

// Ctrl-C in the middle of a wait: the process is the subject (its signal handling and exit code), so
// these stay subprocesses; the other fault cases run in-process (test/int/faults.test.ts).
describe('fault switches and how the client rides them out', function () {
  this.timeout(60_000)
  const ctx = useSandbox({env: {PIXVERSE_HTTP_TIMEOUT_MS: '700'}})

  before(async function () {
    await ctx.sandbox.configure({taskSeconds: 0.3, slots: 50})
  })

  /** Starts `pixverse <args>`, sends SIGINT once its first poll reached the sandbox, and reads the JSON error. */
  async function interruptAfterFirstPoll(args: string[]) {
    await ctx.sandbox.clearRequests()
    let child!: ChildProcess
    const run = ctx.cli(args, {onSpawn: (c) => (child = c)})
    // JSON mode keeps progress quiet, so watch the sandbox's request log for the first poll.
    await new Promise<void>((resolve) => {
      const timer = setInterval(async () => {
        const requests = await ctx.sandbox.requests()
        if (requests.some((r) => r.path.endsWith('video/list/detail'))) {
          clearInterval(timer)
          resolve()
        }
      }, 100)
    })
    child.kill('SIGINT')
    const {exitCode: code, stdout, stderr} = await run
    const lastJson = stderr
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .at(-1)
    return {code, stdout, stderr, error: JSON.parse(lastJson ?? 'null') as Record<string, unknown>}
  }

  it('Ctrl-C during a wait exits 130 with the ids as a JSON error, and the task can be resumed', async function () {
    const {code, stdout, stderr, error} = await interruptAfterFirstPoll([
      'create',
      'video',
      '--prompt',
      'long [sandbox:seconds=20]',
      '--count',
      '2',
      '--json',
    ])
    expect(code, stderr).to.equal(130)
    expect(stdout).to.equal('')
    expect(error.exit_code).to.equal(130)
    expect(error.video_ids).to.have.length(2)
    expect(String(error.hint)).to.include('task wait')
    const status = await ctx.cli(['task', 'status', String((error.video_ids as number[])[0]), '--json'])
    expect(status.exitCode, status.stderr).to.equal(0)
  })

  it('Ctrl-C during `task wait` exits 130 the same way, naming the task and how to resume', async function () {
    const {video_id: id} = (
      await ctx.cli(['create', 'video', '--prompt', 'long [sandbox:seconds=20]', '--no-wait', '--json'])
    ).json<{video_id: number}>()
    const {code, stdout, stderr, error} = await interruptAfterFirstPoll(['task', 'wait', String(id), '--json'])
    expect(code, stderr).to.equal(130)
    expect(stdout).to.equal('')
    expect(error).to.include({exit_code: 130, video_id: id})
    expect(error.hint).to.equal(`Resume with \`pixverse task wait ${id}\`.`)
  })
})
