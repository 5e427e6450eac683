import type {ApiClient} from '../api/client.js'
import {assetDownloadUrl} from '../api/asset-download.js'
import {downloadFile} from '../api/download.js'
import type {MediaResolver} from '../api/media-resolver.js'
import {type TaskKind, type TaskSnapshot, waitForTask} from '../api/tasks.js'
import {finishedItem} from '../base/results.js'
import {toCliError} from '../util/to-cli-error.js'
import type {PreparedCreation} from '../creations/types.js'
import {ExitCode} from '../errors.js'
import {SlotPool, submitWhenSlotFree} from './slots.js'
import type {BatchState, RowState} from './state.js'

export interface PreparedRow {
  state: RowState
  prepared: PreparedCreation
  /** Tasks this row creates (its --count), the slots it holds while they run. */
  units: number
  /** Which slot pool it draws from. */
  pool: 'video' | 'image' | 'audio'
}

export interface RowOutcome {
  row: number
  line: number
  mode: string
  status: 'completed' | 'partial' | 'failed' | 'interrupted'
  ids: number[]
  items?: Record<string, unknown>[]
  files?: string[]
  cost_credits?: number
  idempotency_key: string
  error?: string
  exit_code: number
  resumed?: boolean
}

export interface RunnerOptions {
  api: ApiClient
  media: () => Promise<MediaResolver>
  state: BatchState
  pools: Record<PreparedRow['pool'], number>
  timeoutSec: number
  pollIntervalSec?: number
  downloadDir?: string
  signal: AbortSignal
  onRow(outcome: RowOutcome): void
  onProgress(row: RowState, note: string): void
}

/**
 * Runs every row with bounded concurrency: a row takes slots of its kind, submits under its own
 * idempotency key (backing off while the service says every slot is busy), waits for its tasks,
 * optionally downloads them, and records each step in the state file before moving on.
 */
export async function runBatch(rows: PreparedRow[], options: RunnerOptions): Promise<RowOutcome[]> {
  const pools = {
    video: new SlotPool(options.pools.video),
    image: new SlotPool(options.pools.image),
    audio: new SlotPool(options.pools.audio),
  }
  options.signal.addEventListener('abort', () => Object.values(pools).forEach((pool) => pool.wakeAll()), {once: true})
  return Promise.all(
    rows.map(async (row) => {
      const outcome = await runRow(row, pools[row.pool], options).catch((error: unknown) =>
        failure(row.state, error, options),
      )
      options.onRow(outcome)
      return outcome
    }),
  )
}

async function runRow(row: PreparedRow, pool: SlotPool, options: RunnerOptions): Promise<RowOutcome> {
  const {state} = options
  const current = row.state
  if (current.status === 'done' && current.result) return {...(current.result as unknown as RowOutcome), resumed: true}
  await pool.acquire(row.units, options.signal)
  try {
    let {ids, kind} = current
    let cost = current.cost
    if (current.status !== 'submitted' || !ids || !kind) {
      const plan = await row.prepared.plan({media: options.media, api: () => options.api})
      const submission = await submitWhenSlotFree(options.api, plan, current.key, {
        timeoutSec: options.timeoutSec,
        signal: options.signal,
        onBusy: () => options.onProgress(current, 'every slot is busy; waiting to retry (not charged)'),
      })
      ids = submission.ids
      kind = plan.kind
      cost = submission.cost
      state.update(current.row, {status: 'submitted', ids, kind, cost})
      options.onProgress(current, `submitted ${kind} ${ids.join(', ')}${cost ? ` (${cost} credits)` : ''}`)
    } else {
      options.onProgress(current, `resuming the wait for ${kind} ${ids.join(', ')}`)
    }

    return await finish(row, kind, ids, cost, options)
  } finally {
    pool.release(row.units)
  }
}

async function finish(
  row: PreparedRow,
  kind: TaskKind,
  ids: number[],
  cost: number | undefined,
  options: RunnerOptions,
): Promise<RowOutcome> {
  const outcomes = await Promise.allSettled(
    ids.map((id) =>
      waitForTask(options.api, kind, id, {
        timeoutSec: options.timeoutSec,
        pollIntervalSec: options.pollIntervalSec,
        signal: options.signal,
      }),
    ),
  )
  if (options.signal.aborted) throw options.signal.reason
  const done = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []))
  const errors = outcomes.flatMap((o) => (o.status === 'rejected' ? [toCliError(o.reason)] : []))
  // A task still running at the timeout is not a failure of the row: a later run waits for it again.
  const timedOut = errors.find((e) => e.exitCode === ExitCode.Timeout)
  if (timedOut) throw timedOut
  const files = options.downloadDir ? await downloadAll(kind, done, options) : undefined
  const status = errors.length === 0 ? 'completed' : done.length === 0 ? 'failed' : 'partial'
  const outcome: RowOutcome = {
    row: row.state.row,
    line: row.state.line,
    mode: row.state.mode,
    status,
    ids,
    items: done.map((snapshot) => finishedItem(kind, snapshot.id, snapshot.raw)),
    ...(files ? {files} : {}),
    ...(cost ? {cost_credits: cost} : {}),
    idempotency_key: row.state.key,
    ...(errors.length > 0 ? {error: errors[0].message} : {}),
    exit_code: errors.length === 0 ? 0 : ExitCode.GenerationFailed,
  }
  options.state.update(row.state.row, {
    status: status === 'completed' ? 'done' : 'failed',
    result: outcome as unknown as Record<string, unknown>,
    exit_code: outcome.exit_code,
    ...(outcome.error ? {error: outcome.error} : {}),
  })
  options.onProgress(
    row.state,
    status === 'completed' ? `done${files ? ` → ${files.join(', ')}` : ''}` : `${status}: ${outcome.error}`,
  )
  return outcome
}

async function downloadAll(kind: TaskKind, done: TaskSnapshot[], options: RunnerOptions): Promise<string[]> {
  const type = kind === 'music' ? 'audio' : kind
  const files: string[] = []
  for (const snapshot of done) {
    const {url, name, bytes} = await assetDownloadUrl(options.api, snapshot.id, type, snapshot.raw)
    files.push(
      await downloadFile(url, options.downloadDir as string, name, undefined, {
        expectedBytes: bytes,
        kind: type,
        signal: options.signal,
      }),
    )
  }

  return files
}

/** A row that could not finish: recorded with its exit code; submitted rows stay resumable. */
function failure(row: RowState, error: unknown, options: RunnerOptions): RowOutcome {
  const cliError = toCliError(error)
  const interrupted = options.signal.aborted
  const waiting = row.status === 'submitted' || interrupted || cliError.exitCode === ExitCode.Timeout
  if (!waiting) options.state.update(row.row, {status: 'failed', error: cliError.message, exit_code: cliError.exitCode})
  options.onProgress(row, interrupted ? 'interrupted' : `failed: ${cliError.message}`)
  const stored = options.state.all().find((r) => r.row === row.row)
  return {
    row: row.row,
    line: row.line,
    mode: row.mode,
    status: interrupted ? 'interrupted' : 'failed',
    ids: stored?.ids ?? [],
    // Submitted before it stopped: the credits were spent and the summary counts them.
    ...(stored?.cost ? {cost_credits: stored.cost} : {}),
    idempotency_key: row.key,
    error: cliError.message,
    exit_code: interrupted ? ExitCode.Interrupted : cliError.exitCode,
  }
}
