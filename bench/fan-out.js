import {startCountingProxy} from './lib/counting-proxy.js'
import {runOnce} from './lib/run-process.js'
import {BIN, startSandbox} from './lib/sandbox.js'
import {report} from './lib/stats.js'

const IDS = Number(process.env.BENCH_FANOUT_IDS ?? 1000)
const MAX_CONNECTIONS = 8

/** `task status` of 1,000 ids through a proxy that counts connections: ids per second, peak RSS, connections at once. */
export async function fanOutBench() {
  const sandbox = await startSandbox()
  const proxy = await startCountingProxy(sandbox.url)
  try {
    const created = await runOnce(
      process.execPath,
      [BIN, 'create', 'video', '--prompt', 'fan-out', '--count', '4', '--no-wait', '--json'],
      {env: sandbox.env},
    )
    if (created.code !== 0) throw new Error(`create exited ${created.code}: ${created.stderr}`)
    const real = JSON.parse(created.stdout).video_ids
    // A few real tasks, the rest ids the service answers "not found" for: every one is a look-up all the same.
    const ids = [...real, ...Array.from({length: IDS - real.length}, (_, i) => 390_000_500_000 + i)]
    const env = {...sandbox.env, PIXVERSE_API_BASE: proxy.url}
    const run = await runOnce(process.execPath, [BIN, 'task', 'status', '--ids', ids.join(','), '--json'], {
      env,
      rss: true,
    })
    const answered = Object.keys(JSON.parse(run.stdout)).length
    if (answered !== ids.length) throw new Error(`task status answered ${answered} of ${ids.length} ids: ${run.stderr}`)
    const perSecond = ids.length / (run.ms / 1000)
    report(
      'fan-out: task status of many ids',
      `${ids.length} ids in ${(run.ms / 1000).toFixed(1)} s = ${perSecond.toFixed(0)} ids/s`,
    )
    report('fan-out: peak RSS', `${(run.peakKb / 1024).toFixed(0)} MB for ${ids.length} ids`)
    report(
      'fan-out: connections at once',
      `${proxy.peak()} (target ≤ ${MAX_CONNECTIONS})`,
      proxy.peak() <= MAX_CONNECTIONS,
    )
    return {ids: ids.length, perSecond, peakKb: run.peakKb, connections: proxy.peak()}
  } finally {
    await proxy.close()
    await sandbox.stop()
  }
}
