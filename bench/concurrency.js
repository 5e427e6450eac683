import {BIN, startSandbox} from './lib/sandbox.js'
import {repeat, runOnce} from './lib/run-process.js'
import {fmt, median, report} from './lib/stats.js'

const RUNS = Number(process.env.BENCH_RUNS_SLOW ?? 3)
const IDS = Number(process.env.BENCH_STATUS_IDS ?? 50)

export async function concurrencyBench() {
  const sandbox = await startSandbox(['--task-seconds', '3'])
  try {
    const create = (count) =>
      runOnce(
        process.execPath,
        [BIN, 'create', 'video', '--prompt', 'count bench', '--count', String(count), '--json'],
        {env: sandbox.env},
      )
    const one = await repeat(RUNS, () => create(1))
    const four = await repeat(RUNS, () => create(4))
    if ([...one, ...four].some((r) => r.code !== 0)) throw new Error(`create failed: ${four[0].stderr}`)
    const oneMs = median(one.map((r) => r.ms))
    const fourMs = median(four.map((r) => r.ms))
    report(
      'create --count 4 vs --count 1',
      `${fmt.ms(fourMs)} vs ${fmt.ms(oneMs)} = ${fmt.ratio(fourMs / oneMs)} (all four polled at once)`,
    )

    const submitted = await runOnce(
      process.execPath,
      [BIN, 'create', 'video', '--prompt', 'ids', '--count', '4', '--no-wait', '--json'],
      {env: sandbox.env},
    )
    const base = JSON.parse(submitted.stdout).video_ids
    const ids = Array.from({length: IDS}, (_, i) => String(base[i % base.length] + Math.floor(i / base.length) * 0))
    const unique = [...new Set(ids)]
    const many = Array.from({length: IDS}, (_, i) => String(base[0] + i))
    const status = (list) => runOnce(process.execPath, [BIN, 'task', 'status', ...list, '--json'], {env: sandbox.env})
    const single = await repeat(RUNS, () => status([String(base[0])]))
    const batch = await repeat(RUNS, () => status(many))
    const singleMs = median(single.map((r) => r.ms))
    const batchMs = median(batch.map((r) => r.ms))
    report(
      `task status: ${IDS} ids vs 1`,
      `${fmt.ms(batchMs)} vs ${fmt.ms(singleMs)} = ${fmt.ratio(batchMs / singleMs)} (parallel, de-duplicated: ${unique.length} of ${ids.length} repeated ids)`,
    )
    return {oneMs, fourMs, singleMs, batchMs}
  } finally {
    await sandbox.stop()
  }
}
