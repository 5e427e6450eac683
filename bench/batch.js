import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {BIN, startSandbox} from './lib/sandbox.js'
import {runOnce} from './lib/run-process.js'
import {fmt, report} from './lib/stats.js'

const ROWS = Number(process.env.BENCH_BATCH_ROWS ?? 100)
const SLOTS = Number(process.env.BENCH_BATCH_SLOTS ?? 10)
const SECONDS = Number(process.env.BENCH_BATCH_SECONDS ?? 10)

/**
 * A manifest of ROWS creations against a sandbox with SLOTS concurrent slots: the batch should
 * finish close to the ideal time, the rows' durations divided by the slots.
 */
export async function batchBench() {
  const sandbox = await startSandbox()
  try {
    await sandbox.configure({slots: SLOTS})
    const dir = mkdtempSync(join(tmpdir(), 'pixverse-bench-batch-'))
    const manifest = join(dir, 'rows.jsonl')
    const durations = Array.from({length: ROWS}, () => SECONDS)
    writeFileSync(
      manifest,
      durations.map((s, i) => JSON.stringify({mode: 'video', prompt: `row ${i} [sandbox:seconds=${s}]`})).join('\n') +
        '\n',
    )
    const result = await runOnce(
      process.execPath,
      [BIN, 'batch', 'run', manifest, '--json', '--poll-interval', '1', '--timeout', '600'],
      {env: sandbox.env},
    )
    if (result.code !== 0) throw new Error(`batch exited ${result.code}: ${result.stderr.slice(-500)}`)
    const ideal = (durations.reduce((a, b) => a + b, 0) / SLOTS) * 1000
    const ratio = result.ms / ideal
    report(
      `batch: ${ROWS} rows, ${SLOTS} slots`,
      `${fmt.s(result.ms / 1000)} vs ideal ${fmt.s(ideal / 1000)} = ${fmt.ratio(ratio)} (target ≤ 1.10x)`,
      ratio <= 1.1,
    )
    return {ms: result.ms, ideal, ratio}
  } finally {
    await sandbox.stop()
  }
}
