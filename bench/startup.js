import {createBareOclifApp} from './lib/bare-oclif.js'
import {BIN, startSandbox} from './lib/sandbox.js'
import {repeat, runOnce} from './lib/run-process.js'
import {fmt, median, report} from './lib/stats.js'

const RUNS = Number(process.env.BENCH_RUNS ?? 15)

/**
 * Rounds of: the baseline, then every case once. Each case's ratio is the median of its per-round
 * ratios against the baseline of the same round, so a machine that slows down mid-run (these are
 * shared VMs) moves both sides of a ratio together instead of skewing it.
 */
async function measureInterleaved(baselineArgs, cases) {
  const rounds = await repeat(RUNS, async () => {
    const base = await runOnce(process.execPath, baselineArgs)
    if (base.code !== 0) throw new Error(`node ${baselineArgs.join(' ')} exited ${base.code}`)
    const times = []
    for (const c of cases) {
      const run = await runOnce(process.execPath, c.args, {env: c.env})
      if (run.code !== 0) throw new Error(`${c.args.join(' ')} exited ${run.code}: ${run.stderr}`)
      times.push(run.ms)
    }

    return {base: base.ms, times}
  })
  const rssOf = async (args, env) => {
    const runs = await repeat(Math.max(3, Math.floor(RUNS / 3)), () =>
      runOnce(process.execPath, args, {env, rss: true}),
    )
    const bad = runs.find((r) => r.code !== 0 || !Number.isFinite(r.peakKb))
    if (bad) throw new Error(`${args.join(' ')}: no peak RSS (exit ${bad.code}): ${bad.stderr}`)
    return median(runs.map((r) => r.peakKb))
  }

  const baseline = {ms: median(rounds.map((r) => r.base)), kb: await rssOf(baselineArgs)}
  const results = []
  for (const [i, c] of cases.entries()) {
    results.push({
      ms: median(rounds.map((r) => r.times[i])),
      ratio: median(rounds.map((r) => r.times[i] / r.base)),
      kb: await rssOf(c.args, c.env),
    })
  }

  return {baseline, results}
}

export async function startupBench() {
  const bare = createBareOclifApp()
  const sandbox = await startSandbox(['--task-seconds', '5']).catch((error) => {
    bare.remove()
    throw error
  })
  try {
    const cases = [
      {name: 'pixverse --version', args: [BIN, '--version'], target: 2.5, rssTarget: 65 * 1024},
      {name: 'pixverse create video --help', args: [BIN, 'create', 'video', '--help'], target: 3, rssTarget: 65 * 1024},
      {
        name: 'create video --no-wait --json',
        args: [BIN, 'create', 'video', '--prompt', 'bench', '--no-wait', '--json'],
        env: sandbox.env,
        target: 3,
      },
      // No targets: the floor. A bare oclif app's one command (same plugins, with a manifest), and
      // pixverse's cheapest command (reads no file, sends no request).
      {name: 'bare oclif app: hello --json', args: [bare.bin, 'hello', '--json']},
      {name: 'pixverse config path --json', args: [BIN, 'config', 'path', '--json'], env: sandbox.env},
    ]
    const {baseline, results} = await measureInterleaved(['-e', '0'], cases)
    report('baseline: node -e 0', `${fmt.ms(baseline.ms)}, peak RSS ${fmt.mib(baseline.kb)}`)
    const figures = {baseline}
    for (const [i, c] of cases.entries()) {
      const {ms, ratio, kb} = results[i]
      const ok =
        c.target === undefined ? undefined : ratio <= c.target && (c.rssTarget === undefined || kb <= c.rssTarget)
      const target = c.target === undefined ? '' : ` (target ≤ ${c.target}x)`
      report(
        c.name,
        `${fmt.ms(ms)} = ${fmt.ratio(ratio)} node${target}, peak RSS ${fmt.mib(kb)}${c.rssTarget ? ` (target ≤ ${c.rssTarget / 1024} MiB)` : ''}`,
        ok,
      )
      figures[c.name] = results[i]
    }

    return figures
  } finally {
    await sandbox.stop()
    bare.remove()
  }
}
