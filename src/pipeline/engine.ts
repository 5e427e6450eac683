import {existsSync} from 'node:fs'

import type {ApiClient} from '../api/client.js'
import type {MediaResolver} from '../api/media-resolver.js'
import {rowInput} from '../batch/coerce.js'
import {creationKey} from '../batch/keys.js'
import type {SlotLimits} from '../batch/slot-limits.js'
import {SlotPool} from '../batch/slots.js'
import {toCliError} from '../util/to-cli-error.js'
import type {Creation} from '../creations/define.js'
import {creationNamed} from '../creations/index.js'
import type {PrepareContext, PreparedCreation} from '../creations/types.js'
import {ExitCode, isCliError, validationError} from '../errors.js'
import {type CheckedPipeline, type CheckedStep, localInput} from './check.js'
import {type RunContext, type UnitResult, download, labelOf, runUnit} from './creation-unit.js'
import {fingerprint} from './fingerprint.js'
import {localSteps} from './local-steps.js'
import {type Lookup, substitute, withoutEmpty} from './references.js'
import type {StepState, UnitState} from './state.js'

export interface StepOutcome {
  id: string
  mode: string
  status: 'completed' | 'failed' | 'blocked' | 'interrupted'
  /** Done in an earlier run and reused as it was. */
  resumed?: boolean
  ids: number[]
  outputs: Record<string, unknown>
  idempotency_keys?: string[]
  /** Credits the step's creations cost (all runs); `credits_now` what this run paid. */
  credits: number
  credits_now: number
  seconds?: number
  error?: string
  exit_code: number
}

/**
 * Where a run records every step and creation before it moves on: a pipeline's state file
 * (PipelineState) or a batch's (its rows, src/batch/row-steps.ts). Only what is written here survives
 * a crash, so a rerun waits for what was submitted instead of sending it again.
 */
export interface RunLedger {
  get(id: string): StepState | undefined
  set(step: StepState): StepState
  update(id: string, patch: Partial<StepState>): StepState
  updateUnit(id: string, index: number, patch: Partial<UnitState>): UnitState
}

/** Final states in progress events; `partial`: some tasks of a step's creations failed, some did not. */
export type ProgressStatus = 'running' | 'completed' | 'partial' | 'failed' | 'blocked' | 'interrupted'

/** Something that happened to a step, or to one creation of a for_each step (`index`). */
export interface ProgressEvent {
  step: string
  /** The for_each element (0-based); absent for the step as a whole. */
  index?: number
  /** `step`, or `step[index]` for an element. */
  label: string
  /** Absent when only a note is added (every slot busy). */
  status?: ProgressStatus
  note: string
  ids?: number[]
  credits?: number
}

/** A creation prepared and keyed before the run (a batch row): sent as it is, under its own key. */
export interface FixedCreation {
  key: string
  creation: PreparedCreation
}

/** A checked step, or a batch row as one (`fixed`). */
export type EngineStep = CheckedStep & {fixed?: FixedCreation}
export type EnginePipeline = Omit<CheckedPipeline, 'steps'> & {steps: EngineStep[]}

export interface EngineOptions {
  api(): ApiClient
  media(): Promise<MediaResolver>
  state: RunLedger
  /** The folder a step writes into (downloads, local media); none: its creations are not downloaded. */
  stepDir(step: string): string | undefined
  /** Pipeline identity in every derived idempotency key (its name and output folder). */
  identity: string
  pools: SlotLimits
  /** Local media work at once (CPU-bound). */
  localConcurrency: number
  timeoutSec: number
  pollIntervalSec?: number
  signal: AbortSignal
  prepareContext: PrepareContext
  onProgress(event: ProgressEvent): void
  onStep(outcome: StepOutcome): void
}

/**
 * Runs a checked pipeline (or a batch, as steps that depend on nothing): each step starts as soon as
 * the steps it reads are done, creations take slots of their kind (so independent steps and
 * for_each elements run in parallel within the free slots), and every change is written to the
 * state first. A failed step stops only the steps that depend on it.
 */
export async function runPipeline(pipeline: EnginePipeline, engineOptions: EngineOptions): Promise<StepOutcome[]> {
  const options: RunContext = {...engineOptions, paid: new Map()}
  const pools = {
    video: new SlotPool(options.pools.video),
    image: new SlotPool(options.pools.image),
    audio: new SlotPool(options.pools.audio),
  }
  const local = new SlotPool(options.localConcurrency)
  options.signal.addEventListener('abort', () => [...Object.values(pools), local].forEach((pool) => pool.wakeAll()), {
    once: true,
  })
  const running = new Map<string, Promise<StepOutcome>>()
  for (const step of pipeline.steps) {
    const outcome = (async () => {
      const deps = await Promise.all(step.deps.map((id) => running.get(id) as Promise<StepOutcome>))
      const stopped = deps.find((dep) => dep.status !== 'completed')
      if (stopped) return blocked(step, stopped, options)
      const outputs = Object.fromEntries(deps.map((dep) => [dep.id, dep.outputs]))
      const started = Date.now()
      const result =
        step.kind === 'creation'
          ? await runCreationStep(step, pipeline, outputs, pools[step.pool!], options)
          : await runLocalStep(step, pipeline, outputs, local, options)
      return {...result, seconds: result.resumed ? result.seconds : Math.round((Date.now() - started) / 100) / 10}
    })().catch((error: unknown) => failed(step, error, options))
    running.set(
      step.def.id,
      outcome.then((result) => (options.onStep(result), result)),
    )
  }

  return Promise.all(pipeline.steps.map((step) => running.get(step.def.id) as Promise<StepOutcome>))
}

/** Reads references at run time: variables, earlier outputs, and the for_each element. */
function runtimeLookup(
  pipeline: EnginePipeline,
  outputs: Record<string, Record<string, unknown>>,
  item?: {value: unknown; index: number},
): Lookup {
  return (ref) => {
    if (ref.name === 'item') return item?.value
    if (ref.name === 'index') return item === undefined ? undefined : item.index + 1
    if (!ref.field) return pipeline.vars[ref.name]
    return outputs[ref.name]?.[ref.field]
  }
}

function elementsOf(
  step: EngineStep,
  pipeline: EnginePipeline,
  outputs: Record<string, Record<string, unknown>>,
): Array<{value: unknown; index: number} | undefined> {
  if (step.def.forEach === undefined) return [undefined]
  const list = substitute(step.def.forEach, runtimeLookup(pipeline, outputs))
  const values = Array.isArray(list) ? list : [list]
  return values.map((value, index) => ({value: typeof value === 'number' ? String(value) : value, index}))
}

/** One creation of a step, keyed, and how to prepare it when it has to be sent. */
interface PlannedUnit {
  unit: UnitState
  prepare(): Promise<PreparedCreation>
}

/** A step's creations: its fixed one (a batch row), or one per for_each element, resolved now. */
async function plannedUnits(
  step: EngineStep,
  pipeline: EnginePipeline,
  outputs: Record<string, Record<string, unknown>>,
  options: RunContext,
): Promise<PlannedUnit[]> {
  const {fixed} = step
  if (fixed) return [{unit: {index: 0, key: fixed.key, status: 'pending'}, prepare: async () => fixed.creation}]
  const id = step.def.id
  const planned: PlannedUnit[] = []
  for (const element of elementsOf(step, pipeline, outputs)) {
    const fields = withoutEmpty(substitute(step.def.fields, runtimeLookup(pipeline, outputs, element)))
    const input = await rowInput({line: 0, mode: step.def.mode, fields}, step.flags!, `Step ${id}`)
    const index = element?.index ?? 0
    const label = labelOf(step, index)
    const key = creationKey('pipeline', [options.identity, id, index, fingerprint([step.def.mode, input])])
    planned.push({
      unit: {index, key, status: 'pending', input: fields},
      prepare: () =>
        (creationNamed(step.def.mode) as Creation).prepare(input, options.prepareContext).catch((error: unknown) => {
          throw isCliError(error) ? validationError(`Step ${label}: ${error.message}`, error.hint) : error
        }),
    })
  }

  return planned
}

async function runCreationStep(
  step: EngineStep,
  pipeline: EnginePipeline,
  outputs: Record<string, Record<string, unknown>>,
  pool: SlotPool,
  options: RunContext,
): Promise<StepOutcome> {
  const {state} = options
  const id = step.def.id
  const planned = await plannedUnits(step, pipeline, outputs, options)

  // Units already known under the same key keep their progress (submitted ones are waited for, not sent again).
  const previous = state.get(id)
  const known = new Map((previous?.units ?? []).map((unit) => [unit.key, unit]))
  const merged = planned.map(({unit}) => known.get(unit.key) ?? unit)
  state.set({
    id,
    mode: step.def.mode,
    status: 'running',
    units: merged,
    started_at: previous?.started_at ?? new Date().toISOString(),
  })
  // Every creation settles before the step is judged: one stopped early must not leave another's submit
  // (already paid) unrecorded in the step's outcome.
  const settled = await Promise.allSettled(
    planned.map((unit, i) => runUnit(step, merged[i], unit.prepare, pool, options)),
  )
  const stopped = settled.find((result) => result.status === 'rejected')
  if (stopped) throw stopped.reason
  if (options.signal.aborted) throw options.signal.reason
  const results = settled.map((result) => (result as PromiseFulfilledResult<UnitResult>).value)
  const done = results.filter((r) => r.unit.status === 'done')
  const ids = results.flatMap((r) => r.unit.ids ?? [])
  const files = done.flatMap((r) => r.unit.files ?? [])
  const media = step.pool!
  const stepOutputs = {id: ids[0], ids, [media]: files[0], [`${media}s`]: files}
  const failure = results.find((r) => r.unit.status !== 'done')?.unit
  const credits = results.reduce((sum, r) => sum + (r.unit.cost ?? 0), 0)
  const creditsNow = results.reduce((sum, r) => sum + (options.paid.get(r.unit.key) ?? 0), 0)
  const resumed = results.every((r) => r.resumed)
  const finished = state.update(id, {
    status: failure ? 'failed' : 'done',
    outputs: stepOutputs,
    credits,
    finished_at: resumed ? previous?.finished_at : new Date().toISOString(),
    ...(failure ? {error: failure.error, exit_code: failure.exit_code} : {error: undefined, exit_code: 0}),
  })
  const partial = failure && results.some((r) => (r.unit.items ?? []).length > 0)
  options.onProgress({
    step: id,
    label: id,
    status: failure ? (partial ? 'partial' : 'failed') : 'completed',
    note: failure
      ? `${partial ? 'partial' : 'failed'}: ${failure.error}`
      : `done${resumed ? ' (earlier run)' : ''}${files.length > 0 ? ` → ${files.join(', ')}` : ''}`,
    ids,
    credits,
  })
  return {
    id,
    mode: step.def.mode,
    status: failure ? 'failed' : 'completed',
    ...(resumed ? {resumed, seconds: finished.seconds} : {}),
    ids,
    outputs: stepOutputs,
    idempotency_keys: results.map((r) => r.unit.key),
    credits,
    credits_now: creditsNow,
    ...(failure ? {error: failure.error} : {}),
    exit_code: failure ? (failure.exit_code ?? ExitCode.GenerationFailed) : 0,
  }
}

async function runLocalStep(
  step: EngineStep,
  pipeline: EnginePipeline,
  outputs: Record<string, Record<string, unknown>>,
  pool: SlotPool,
  options: EngineOptions,
): Promise<StepOutcome> {
  const id = step.def.id
  const fields = withoutEmpty(substitute(step.def.fields, runtimeLookup(pipeline, outputs)))
  const input = localInput(`Step ${id}`, step.def.mode, fields)
  const print = fingerprint([step.def.mode, input])
  const previous = options.state.get(id)
  const base = {id, mode: step.def.mode, ids: [], credits: 0, credits_now: 0, exit_code: 0}
  if (previous?.status === 'done' && previous.fingerprint === print && filesExist(previous.outputs)) {
    options.onProgress({step: id, label: id, status: 'completed', note: 'done (earlier run)'})
    return {...base, status: 'completed', resumed: true, outputs: previous.outputs ?? {}, seconds: previous.seconds}
  }

  options.state.set({
    id,
    mode: step.def.mode,
    status: 'running',
    fingerprint: print,
    input,
    started_at: new Date().toISOString(),
  })
  await pool.acquire(1, options.signal)
  let result: Record<string, unknown>
  const started = Date.now()
  try {
    options.onProgress({step: id, label: id, status: 'running', note: `${step.def.mode} …`})
    result = await localSteps[step.def.mode].run(input, {
      dir: options.stepDir(id) as string,
      tools: pipeline.tools,
      signal: options.signal,
      download: (assetId, type, dir) => download(options, assetId, type, dir),
    })
  } finally {
    pool.release(1)
  }

  const seconds = Math.round((Date.now() - started) / 100) / 10
  options.state.update(id, {
    status: 'done',
    outputs: result,
    seconds,
    finished_at: new Date().toISOString(),
    error: undefined,
    exit_code: 0,
  })
  const files = Object.values(result)
    .flat()
    .filter((v, i, all) => all.indexOf(v) === i)
  options.onProgress({step: id, label: id, status: 'completed', note: `done → ${files.join(', ')}`})
  return {...base, status: 'completed', outputs: result}
}

function filesExist(outputs: Record<string, unknown> | undefined): boolean {
  if (!outputs) return false
  return Object.values(outputs)
    .flat()
    .every((value) => typeof value !== 'string' || existsSync(value))
}

function blocked(step: EngineStep, dependency: StepOutcome, options: EngineOptions): StepOutcome {
  const interrupted = dependency.status === 'interrupted'
  const error = interrupted
    ? 'interrupted'
    : `not run: step ${dependency.id} ${dependency.status === 'blocked' ? 'did not run' : 'failed'}`
  if (!interrupted) {
    const previous = options.state.get(step.def.id)
    options.state.set({...previous, id: step.def.id, mode: step.def.mode, status: 'blocked', error})
  }

  options.onProgress({
    step: step.def.id,
    label: step.def.id,
    status: interrupted ? 'interrupted' : 'blocked',
    note: error,
  })
  return {
    id: step.def.id,
    mode: step.def.mode,
    status: interrupted ? 'interrupted' : 'blocked',
    ids: [],
    outputs: {},
    credits: 0,
    credits_now: 0,
    error,
    exit_code: dependency.exit_code,
  }
}

/** A step that could not finish; creations that were submitted stay resumable in the state file. */
function failed(step: EngineStep, error: unknown, options: RunContext): StepOutcome {
  const cliError = toCliError(error)
  const interrupted = options.signal.aborted
  const current: StepState | undefined = options.state.get(step.def.id)
  const units = current?.units ?? []
  const ids = units.flatMap((unit) => unit.ids ?? [])
  const pending = interrupted || cliError.exitCode === ExitCode.Timeout
  if (!pending && current)
    options.state.update(step.def.id, {status: 'failed', error: cliError.message, exit_code: cliError.exitCode})
  options.onProgress({
    step: step.def.id,
    label: step.def.id,
    status: interrupted ? 'interrupted' : 'failed',
    note: interrupted ? 'interrupted' : `failed: ${cliError.message}`,
    ids,
  })
  return {
    id: step.def.id,
    mode: step.def.mode,
    status: interrupted ? 'interrupted' : 'failed',
    ids,
    outputs: {},
    ...(units.length > 0 ? {idempotency_keys: units.map((unit) => unit.key)} : {}),
    credits: units.reduce((sum, unit) => sum + (unit.cost ?? 0), 0),
    credits_now: units.reduce((sum, unit) => sum + (options.paid.get(unit.key) ?? 0), 0),
    error: interrupted ? 'interrupted' : cliError.message,
    exit_code: interrupted ? ExitCode.Interrupted : cliError.exitCode,
  }
}
