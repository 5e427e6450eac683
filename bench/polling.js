import {BIN, startSandbox} from './lib/sandbox.js'
import {runOnce} from './lib/run-process.js'
import {fmt, median, percentile, report} from './lib/stats.js'

const TASKS = Number(process.env.BENCH_POLL_TASKS ?? 10)

/** Detail requests the reference schedule (2 s < 30 s, 5 s < 120 s, then 10 s) sends for a task of `seconds`. */
export function referenceRequests(seconds) {
  let t = 0
  let count = 1
  while (t < seconds) {
    t += t < 30 ? 2 : t < 120 ? 5 : 10
    count += 1
  }

  return count
}

/** A seeded generator, so every run measures the same durations. */
function seeded(seed) {
  let s = seed
  return () => (s = (s * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648
}

export async function pollingBench() {
  const sandbox = await startSandbox()
  try {
    const random = seeded(42)
    const durations = Array.from({length: TASKS}, () => Math.round((3 + random() * 24) * 10) / 10)
    const runs = await Promise.all(
      durations.map(async (seconds, i) => {
        const result = await runOnce(
          process.execPath,
          [BIN, 'create', 'video', '--prompt', `bench ${i} [sandbox:seconds=${seconds}]`, '--json', '--timeout', '120'],
          {env: sandbox.env},
        )
        const returnedAt = Date.now()
        if (result.code !== 0) throw new Error(`create exited ${result.code}: ${result.stderr}`)
        const body = JSON.parse(result.stdout)
        return {seconds, id: body.video_id, delay: returnedAt - (Date.parse(body.created_at) + seconds * 1000)}
      }),
    )
    const log = await sandbox.control('requests')
    const perTask = runs.map((run) => ({
      ...run,
      requests: log.filter((r) => r.path.endsWith('/video/list/detail') && r.body?.video_id === run.id).length,
      reference: referenceRequests(run.seconds),
    }))
    const delays = perTask.map((t) => t.delay / 1000)
    const ours = perTask.reduce((sum, t) => sum + t.requests, 0)
    const reference = perTask.reduce((sum, t) => sum + t.reference, 0)
    report(
      'polling: delay after done',
      `median ${fmt.s(median(delays))}, p95 ${fmt.s(percentile(delays, 95))} over ${TASKS} tasks of 3–27 s (target median ≤ 1.5 s)`,
      median(delays) <= 1.5,
    )
    report(
      'polling: detail requests',
      `${ours} vs ${reference} on the reference schedule = ${fmt.ratio(ours / reference)} (target ≤ 1x)`,
      ours <= reference,
    )
    return {delays, requests: ours, reference}
  } finally {
    await sandbox.stop()
  }
}
