import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {repeat, runOnce} from './lib/run-process.js'
import {BIN} from './lib/sandbox.js'
import {fmt, median, report} from './lib/stats.js'

const RUNS = Number(process.env.BENCH_RUNS ?? 7)

/**
 * `--sandbox` keeps one sandbox per PIXVERSE_HOME in the background: the first command of a home
 * starts it, the next finds it running. Each round: a fresh home, logged in, its sandbox stopped;
 * then the same command twice. The ratio is second / first (target well under 1).
 */
export async function sharedSandboxBench() {
  const run = async (home, args) => {
    const result = await runOnce(process.execPath, [BIN, ...args], {env: {PIXVERSE_HOME: home, PIXVERSE_API_BASE: ''}})
    if (result.code !== 0) throw new Error(`${args.join(' ')} exited ${result.code}: ${result.stderr}`)
    return result.ms
  }

  const command = ['account', 'info', '--sandbox', '--json']
  const rounds = await repeat(RUNS, async () => {
    const home = mkdtempSync(join(tmpdir(), 'pixverse-bench-home-'))
    try {
      await run(home, ['auth', 'login', '--sandbox', '--json'])
      await run(home, ['sandbox', 'stop'])
      const first = await run(home, command)
      const second = await run(home, command)
      return {first, second}
    } finally {
      await run(home, ['sandbox', 'stop']).catch(() => undefined)
      rmSync(home, {recursive: true, force: true})
    }
  })
  const first = median(rounds.map((r) => r.first))
  const second = median(rounds.map((r) => r.second))
  const ratio = median(rounds.map((r) => r.second / r.first))
  const target = 0.8
  report('first --sandbox command (starts it)', fmt.ms(first))
  report(
    'second --sandbox command (reuses it)',
    `${fmt.ms(second)} = ${fmt.ratio(ratio)} the first (target ≤ ${target}x)`,
    ratio <= target,
  )
  return {first, second, ratio}
}
