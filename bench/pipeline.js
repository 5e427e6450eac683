import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {BIN, startSandbox} from './lib/sandbox.js'
import {runOnce} from './lib/run-process.js'
import {fmt, report} from './lib/stats.js'

const STEPS = Number(process.env.BENCH_PIPELINE_STEPS ?? 100)
const SLOTS = Number(process.env.BENCH_PIPELINE_SLOTS ?? 10)
const SECONDS = Number(process.env.BENCH_PIPELINE_SECONDS ?? 6)

/**
 * A pipeline that fans one creation out over STEPS elements (each task SECONDS long, downloaded)
 * against a sandbox with SLOTS concurrent slots: it should finish close to the slot-bound ideal,
 * ceil(STEPS / SLOTS) waves of SECONDS each.
 */
export async function pipelineBench() {
  const sandbox = await startSandbox()
  try {
    await sandbox.configure({slots: SLOTS})
    const dir = mkdtempSync(join(tmpdir(), 'pixverse-bench-pipeline-'))
    const file = join(dir, 'fan-out.json')
    const elements = Array.from({length: STEPS}, (_, i) => `take ${i + 1}`)
    const pipeline = {
      name: 'fan-out',
      steps: [{id: 'takes', mode: 'video', for_each: elements, prompt: `\${item} [sandbox:seconds=${SECONDS}]`}],
    }
    writeFileSync(file, JSON.stringify(pipeline))
    const args = [
      BIN,
      'pipeline',
      'run',
      file,
      '--out',
      join(dir, 'out'),
      '--json',
      '--poll-interval',
      '1',
      '--timeout',
      '600',
    ]
    const result = await runOnce(process.execPath, args, {env: sandbox.env})
    if (result.code !== 0) throw new Error(`pipeline exited ${result.code}: ${result.stderr.slice(-500)}`)
    const ideal = Math.ceil(STEPS / SLOTS) * SECONDS * 1000
    const ratio = result.ms / ideal
    report(
      `pipeline: ${STEPS}-way fan-out, ${SLOTS} slots, ${SECONDS} s tasks`,
      `${fmt.s(result.ms / 1000)} vs ideal ${fmt.s(ideal / 1000)} = ${fmt.ratio(ratio)} (target ≤ 1.10x)`,
      ratio <= 1.1,
    )
    return {ms: result.ms, ideal, ratio}
  } finally {
    await sandbox.stop()
  }
}
