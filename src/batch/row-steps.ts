import type {ApiClient} from '../api/client.js'
import {idKeyFor} from '../api/submit.js'
import type {MediaResolver} from '../api/media-resolver.js'
import type {PreparedCreation} from '../creations/types.js'
import {creationOutputs} from '../pipeline/check.js'
import {type EngineStep, type ProgressEvent, type RunLedger, type StepOutcome, runPipeline} from '../pipeline/engine.js'
import type {StepState, UnitState} from '../pipeline/state.js'
import type {BatchState, RowState} from './state.js'

export interface PreparedRow {
  state: RowState
  prepared: PreparedCreation
  /** Tasks this row creates (its --count), the slots it holds while they run. */
  units: number
  /** Which slot pool it draws from. */
  pool: 'video' | 'image' | 'audio'
}

/** One row's result, as `batch run` prints it (schemas/batch-run.json). */
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

export interface BatchRunOptions {
  api: ApiClient
  media: () => Promise<MediaResolver>
  state: BatchState
  pools: Record<PreparedRow['pool'], number>
  timeoutSec: number
  pollIntervalSec?: number
  downloadDir?: string
  signal: AbortSignal
  onRow(outcome: RowOutcome): void
  onProgress(row: RowState, event: ProgressEvent): void
}

/**
 * A batch is a pipeline of independent steps: each manifest row becomes one creation step, already
 * prepared and keyed from the manifest and the row (so the keys are those of every earlier run), and
 * runs through the pipeline engine with the same slots, waits, downloads and resume. The rows'
 * progress is kept in the batch state file as it always was.
 */
export async function runBatch(rows: PreparedRow[], options: BatchRunOptions): Promise<RowOutcome[]> {
  const ledger = new RowLedger(options.state, Boolean(options.downloadDir))
  const steps: EngineStep[] = rows.map((row) => ({
    def: {id: stepId(row.state.row), mode: row.state.mode, fields: {}},
    kind: 'creation',
    deps: [],
    outputs: creationOutputs(row.pool),
    pool: row.pool,
    units: row.units,
    fixed: {key: row.state.key, creation: row.prepared},
  }))
  const rowOf = (step: string) => options.state.row(rowNumber(step)) as RowState
  const outcomes = await runPipeline(
    {
      definition: {name: 'batch', description: '', source: options.state.manifest, vars: {}, steps: []},
      vars: {},
      steps,
      needsApi: true,
    },
    {
      api: () => options.api,
      media: options.media,
      state: ledger,
      stepDir: () => options.downloadDir,
      identity: options.state.manifest,
      pools: options.pools,
      localConcurrency: 1,
      timeoutSec: options.timeoutSec,
      pollIntervalSec: options.pollIntervalSec,
      signal: options.signal,
      // Rows were prepared (and checked) before the run: nothing is prepared again.
      prepareContext: {storedDefaults: () => ({}), text: async (value) => value},
      onProgress: (event) => options.onProgress(rowOf(event.step), event),
      onStep: (outcome) => options.onRow(ledger.outcome(rowOf(outcome.id), outcome)),
    },
  )
  return outcomes.map((outcome) => ledger.outcome(rowOf(outcome.id), outcome))
}

const stepId = (row: number) => `row-${row}`
const rowNumber = (step: string) => Number(step.slice('row-'.length))

/**
 * The engine's record of a row's one creation, kept in the batch state file's format: a row is
 * pending, submitted (its ids), done or failed (with its result, the row's JSON line).
 */
class RowLedger implements RunLedger {
  /** Rows whose creation finished in this run (their result is new, not an earlier run's). */
  private readonly finished = new Set<number>()

  constructor(
    private readonly state: BatchState,
    private readonly downloading: boolean,
  ) {}

  get(id: string): StepState | undefined {
    const row = this.state.row(rowNumber(id))
    if (!row) return undefined
    return {id, mode: row.mode, status: 'running', units: [unitOf(row)]}
  }

  /** A row's unit is the row itself (its key never changes while its content does not): nothing new to write. */
  set(step: StepState): StepState {
    return step
  }

  /** Step-level changes: only a failure before the row's creation finished is the row's to record. */
  update(id: string, patch: Partial<StepState>): StepState {
    const row = this.state.row(rowNumber(id))
    // A submitted row stays submitted: the next run waits for its tasks instead of sending it again.
    const recordable = row && row.status !== 'submitted' && row.status !== 'done' && !this.finished.has(row.row)
    if (recordable && patch.status === 'failed')
      this.state.update(row.row, {status: 'failed', error: patch.error, exit_code: patch.exit_code})
    return {...(this.get(id) as StepState), ...patch}
  }

  updateUnit(id: string, _index: number, patch: Partial<UnitState>): UnitState {
    const row = this.state.row(rowNumber(id)) as RowState
    const next = {...unitOf(row), ...patch}
    const final = patch.status === 'done' || (patch.status === 'failed' && patch.items !== undefined)
    const change: Partial<RowState> = {
      status: next.status,
      ...(next.kind ? {kind: next.kind} : {}),
      ...(next.ids ? {ids: next.ids} : {}),
      ...(next.cost ? {cost: next.cost} : {}),
      ...(final ? this.result(row, next) : {}),
    }
    if (
      Object.entries(change).some(
        ([key, value]) => JSON.stringify(row[key as keyof RowState]) !== JSON.stringify(value),
      )
    )
      this.state.update(row.row, change)
    if (final) this.finished.add(row.row)
    return next
  }

  /** The row's JSON line: its stored result when its creation finished (now or before), else why not. */
  outcome(row: RowState, step: StepOutcome): RowOutcome {
    const stored = storedResult(row)
    if (step.status !== 'interrupted' && stored && (step.resumed || this.finished.has(row.row)))
      return {...stored, ...(step.resumed ? {resumed: true} : {})}
    const interrupted = step.status === 'interrupted'
    return {
      row: row.row,
      line: row.line,
      mode: row.mode,
      status: interrupted ? 'interrupted' : 'failed',
      ids: step.ids,
      // Submitted before it stopped: the credits were spent and the summary counts them.
      ...(step.credits ? {cost_credits: step.credits} : {}),
      idempotency_key: row.key,
      error: step.error ?? 'failed',
      exit_code: step.exit_code,
    }
  }

  private result(row: RowState, unit: UnitState): Partial<RowState> {
    const items = unit.items ?? []
    const status = unit.status === 'done' ? 'completed' : items.length > 0 ? 'partial' : 'failed'
    const result: RowOutcome = {
      row: row.row,
      line: row.line,
      mode: row.mode,
      status,
      ids: unit.ids ?? [],
      items,
      ...(this.downloading ? {files: unit.files ?? []} : {}),
      ...(unit.cost ? {cost_credits: unit.cost} : {}),
      idempotency_key: row.key,
      ...(unit.error ? {error: unit.error} : {}),
      exit_code: unit.status === 'done' ? 0 : (unit.exit_code ?? 5),
    }
    return {
      result: result as unknown as Record<string, unknown>,
      exit_code: result.exit_code,
      error: unit.error,
    }
  }
}

/** A row as the engine's unit: the files of a finished row are those of its result. */
function unitOf(row: RowState): UnitState {
  const result = storedResult(row)
  return {
    index: 0,
    key: row.key,
    status: row.status,
    ...(row.kind ? {kind: row.kind} : {}),
    ...(row.ids ? {ids: row.ids} : {}),
    ...(row.cost ? {cost: row.cost} : {}),
    ...(row.status === 'done' && result ? {files: result.files ?? [], items: result.items ?? []} : {}),
    ...(row.error ? {error: row.error} : {}),
    ...(row.exit_code === undefined ? {} : {exit_code: row.exit_code}),
  }
}

/**
 * A row's stored result in today's item shape. State files written before one result builder served
 * create, batch and pipelines name each item's id `id`; it is `video_id`/`image_id`/`audio_id` now
 * (schemas/batch-run.json), and a resumed row must print what a fresh one prints.
 */
function storedResult(row: RowState): RowOutcome | undefined {
  const result = row.result as RowOutcome | undefined
  if (!result?.items || !row.kind) return result
  const idKey = idKeyFor(row.kind)
  const items = result.items.map((item) => {
    if (!('id' in item) || idKey in item) return item
    const {id, ...rest} = item
    return {[idKey]: id, ...rest}
  })
  return {...result, items}
}
