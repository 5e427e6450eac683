import {BIN, startSandbox} from './lib/sandbox.js'
import {repeat, runOnce} from './lib/run-process.js'
import {fmt, median, report} from './lib/stats.js'

const RUNS = Number(process.env.BENCH_RUNS ?? 15)

/** Median wall time and peak RSS of a node command line, interleaved with the baseline. */
async function measure(args, env) {
  const time = await repeat(RUNS, () => runOnce(process.execPath, args, {env}))
  const rss = await repeat(Math.max(3, Math.floor(RUNS / 3)), () => runOnce(process.execPath, args, {env, rss: true}))
  const failed = time.find((r) => r.code !== 0)
  if (failed) throw new Error(`${args.join(' ')} exited ${failed.code}: ${failed.stderr}`)
  return {ms: median(time.map((r) => r.ms)), kb: median(rss.map((r) => r.peakKb))}
}

export async function startupBench() {
  const sandbox = await startSandbox(['--task-seconds', '5'])
  try {
    const baseline = await measure(['-e', '0'])
    report('baseline: node -e 0', `${fmt.ms(baseline.ms)}, peak RSS ${fmt.mib(baseline.kb)}`)
    const cases = [
      {name: 'pixverse --version', args: [BIN, '--version'], target: 2.5, rssTarget: 65 * 1024},
      {name: 'pixverse create video --help', args: [BIN, 'create', 'video', '--help'], target: 3, rssTarget: 65 * 1024},
      {name: 'create video --no-wait --json', args: [BIN, 'create', 'video', '--prompt', 'bench', '--no-wait', '--json'], env: sandbox.env, target: 3},
    ]
    const figures = {baseline}
    for (const c of cases) {
      const result = await measure(c.args, c.env)
      const ratio = result.ms / baseline.ms
      const ok = ratio <= c.target && (c.rssTarget === undefined || result.kb <= c.rssTarget)
      report(c.name, `${fmt.ms(result.ms)} = ${fmt.ratio(ratio)} node (target ≤ ${c.target}x), peak RSS ${fmt.mib(result.kb)}${c.rssTarget ? ` (target ≤ ${c.rssTarget / 1024} MiB)` : ''}`, ok)
      figures[c.name] = {...result, ratio}
    }

    return figures
  } finally {
    await sandbox.stop()
  }
}
