import {expect} from 'chai'
import {existsSync, mkdtempSync, readFileSync, readdirSync, statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {ROOT} from '../helpers/cli.js'
import {useSandbox} from '../helpers/sandbox.js'
import {useTestClock} from '../helpers/test-clock.js'
import {recordSummary} from '../helpers/summary.js'

/** Runs jobs with at most `limit` at a time, keeping their order in the results. */
async function pool<T>(count: number, limit: number, job: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = []
  let next = 0
  const worker = async () => {
    while (next < count) {
      const i = next++
      results[i] = await job(i)
    }
  }
  await Promise.all(Array.from({length: limit}, worker))
  return results
}

// ~22 % of all requests fail somehow: each of the 8 '*' rules below draws 3 %, media 20 % more.
const FAULTS = {
  seed: 7,
  rules: [
    // The worst case first: the create is charged, then the answer is lost (twice), or arrives too late.
    {endpoint: 'video/t2v', kind: 'reset-after-body', count: 2},
    {endpoint: 'video/t2v', kind: 'slow', delayMs: 1500, count: 1},
    {endpoint: 'media', kind: 'truncate', probability: 0.2},
    {endpoint: '*', kind: 'http-500', probability: 0.03},
    {endpoint: '*', kind: 'http-502', probability: 0.03},
    {endpoint: '*', kind: 'http-503-envelope', probability: 0.03},
    {endpoint: '*', kind: 'http-429', probability: 0.03, retryAfter: 1},
    {endpoint: '*', kind: 'reset-before-body', probability: 0.03},
    {endpoint: '*', kind: 'reset-after-body', probability: 0.03},
    {endpoint: '*', kind: 'slow', probability: 0.03, delayMs: 1200},
    {endpoint: '*', kind: 'malformed-json', probability: 0.03},
  ],
}

describe('reliability: 50+ creations and their downloads under injected faults', function () {
  this.timeout(120_000)
  // The client gives up on a silent server after 800 ms, so the 1.2 s "slow" fault is a timeout.
  const ctx = useSandbox({env: {PIXVERSE_HTTP_TIMEOUT_MS: '800'}, inProcess: true})
  // In-process: the subject is the commands, not the process. Each skipped second still costs 200 ms:
  // the faults (a 1.2 s silence, the 800 ms HTTP timeout) take real time while --timeout 60 runs on
  // the test clock, and at 50 ms a second three retried polls could outlast it.
  useTestClock({realMsPerSecond: 200})

  before(async function () {
    await ctx.sandbox.configure({taskSeconds: 0.5, slots: 100})
    await ctx.sandbox.clearRequests()
    await ctx.sandbox.control('faults', FAULTS)
  })

  it('loses no job, charges every key once and downloads every file whole', async function () {
    const before = (await ctx.sandbox.state()) as {tasks: number; charged_submits: number}
    const invocations = 18
    const creates = await pool(invocations, 3, (i) =>
      ctx.cli(
        [
          'create',
          'video',
          '--prompt',
          `batch ${i}`,
          '--count',
          String(2 + (i % 3)),
          '--poll-interval',
          '1',
          '--timeout',
          '60',
          '--json',
        ],
        {
          timeoutMs: 90_000,
        },
      ),
    )
    const ids: number[] = []
    const keys: string[] = []
    const failedCreates: string[] = []
    for (const [i, result] of creates.entries()) {
      if (result.exitCode !== 0) {
        failedCreates.push(`#${i} exit ${result.exitCode}: ${result.stderr.trim().split('\n').at(-1)}`)
        continue
      }
      const out = result.json<{items: Array<{video_id: number}>; idempotency_key: string}>()
      expect(out.items, result.stdout).to.have.length(2 + (i % 3))
      expect(out.idempotency_key).to.match(/^pixverse-cli-[0-9a-f-]{36}$/)
      ids.push(...out.items.map((item) => item.video_id))
      keys.push(out.idempotency_key)
    }

    const dest = mkdtempSync(join(tmpdir(), 'pixverse-batch-'))
    const downloads = await pool(ids.length, 4, (i) =>
      ctx.cli(['asset', 'download', String(ids[i]), '--type', 'video', '--dest', dest, '--json'], {timeoutMs: 90_000}),
    )
    const expected = readFileSync(join(ROOT, 'fixtures', 'media', 'sample.mp4'))
    let complete = 0
    const badDownloads: string[] = []
    for (const [i, result] of downloads.entries()) {
      if (result.exitCode !== 0) {
        badDownloads.push(`${ids[i]} exit ${result.exitCode}: ${result.stderr.trim().split('\n').at(-1)}`)
        continue
      }
      const {file} = result.json<{file: string}>()
      if (existsSync(file) && statSync(file).size === expected.length && readFileSync(file).equals(expected)) complete++
      else badDownloads.push(`${ids[i]}: ${file} is not the whole file`)
    }
    const leftovers = readdirSync(dest).filter((name) => name.endsWith('.part'))

    await ctx.sandbox.control('faults', {rules: []})
    const state = (await ctx.sandbox.state()) as {
      tasks: number
      charged_submits: number
      charges: Record<string, number>
      faults_injected: Record<string, number>
      faults_injected_total: number
      fault_requests_seen: number
    }
    const created = state.tasks - before.tasks
    const batchKeys = Object.entries(state.charges).filter(
      ([key]) => keys.includes(key) || key.startsWith('pixverse-cli-'),
    )
    const doubleCharges =
      batchKeys.filter(([, charges]) => charges !== 1).length +
      (state.charged_submits - before.charged_submits - keys.length)
    const jobsLost = created - ids.length + failedCreates.length
    const figures = {
      invocations,
      creations_attempted: creates.reduce((sum, _r, i) => sum + 2 + (i % 3), 0),
      creations_reported: ids.length,
      tasks_created: created,
      jobs_lost: jobsLost,
      double_charges: doubleCharges,
      downloads_complete: complete,
      downloads_attempted: ids.length,
      partial_files_left: leftovers.length,
      faults_injected: state.faults_injected_total,
      requests_under_faults: state.fault_requests_seen,
      fault_rate: Number((state.faults_injected_total / state.fault_requests_seen).toFixed(3)),
      faults_by_kind: state.faults_injected,
    }
    recordSummary('reliability batch', figures)
    process.stdout.write(`      reliability batch: ${JSON.stringify(figures)}\n`)

    expect(failedCreates, 'every create invocation succeeds despite the faults').to.deep.equal([])
    expect(ids.length).to.be.at.least(50)
    expect(jobsLost, 'every task the sandbox created was reported to the user').to.equal(0)
    expect(doubleCharges, 'each idempotency key charged exactly once').to.equal(0)
    expect(batchKeys).to.have.length(invocations)
    expect(badDownloads).to.deep.equal([])
    expect(complete).to.equal(ids.length)
    expect(leftovers).to.deep.equal([])
    // The faults really happened, including charged-then-dropped creates and cut downloads.
    expect(state.faults_injected_total).to.be.greaterThan(40)
    expect(figures.fault_rate, 'at least 20 % of requests were spoiled').to.be.at.least(0.2)
    expect(state.faults_injected['reset-after-body']).to.be.at.least(2)
    expect(state.faults_injected.truncate).to.be.at.least(1)
  })
})
