import {existsSync} from 'node:fs'

import {assetDownloadUrl} from '../api/asset-download.js'
import {downloadFile} from '../api/download.js'
import {type TaskKind, type TaskSnapshot, waitForTask} from '../api/tasks.js'
import {type SlotPool, submitWhenSlotFree} from '../batch/slots.js'
import {finishedItem} from '../api/results.js'
import {toCliError} from '../util/to-cli-error.js'
import type {PreparedCreation} from '../creations/types.js'
import {type CliError, ExitCode} from '../errors.js'
import type {EngineOptions, EngineStep, ProgressStatus} from './engine.js'
import type {UnitState} from './state.js'

/** The options of one run, and what it paid (by idempotency key), also for steps it could not finish. */
export interface RunContext extends EngineOptions {
  paid: Map<string, number>
}

/** A creation as it ended, and whether an earlier run had finished it. */
export interface UnitResult {
  unit: UnitState
  resumed: boolean
}

/** How progress names a creation: its step, or `step[i]` for a for_each element. */
export const labelOf = (step: EngineStep, index: number) =>
  step.def.forEach === undefined ? step.def.id : `${step.def.id}[${index}]`

/**
 * One creation: take slots, submit under its key (unless submitted before), wait, download what
 * finished. A task still running at the timeout is no failure: it throws, and the next run waits again.
 */
export async function runUnit(
  step: EngineStep,
  unit: UnitState,
  prepare: () => Promise<PreparedCreation>,
  pool: SlotPool,
  options: RunContext,
): Promise<UnitResult> {
  const id = step.def.id
  const {state} = options
  const element = step.def.forEach === undefined ? {} : {index: unit.index}
  const event = {step: id, ...element, label: labelOf(step, unit.index)}
  // Only a for_each element reports on its own; a single creation is reported as its step.
  const elementDone = (finished: UnitState, status: ProgressStatus, note: string) => {
    if (step.def.forEach === undefined) return
    options.onProgress({...event, status, note, ids: finished.ids, credits: finished.cost})
  }

  if (unit.status === 'done' && (unit.files ?? []).every((file) => existsSync(file))) {
    elementDone(unit, 'completed', 'done (earlier run)')
    return {unit, resumed: true}
  }

  let current = unit
  let snapshots: TaskSnapshot[] = []
  let errors: CliError[] = []
  await pool.acquire(step.units ?? 1, options.signal)
  try {
    if (current.status !== 'submitted' && current.status !== 'done') {
      const plan = await (await prepare()).plan({media: options.media, api: options.api})
      const submission = await submitWhenSlotFree(options.api(), plan, current.key, {
        timeoutSec: options.timeoutSec,
        signal: options.signal,
        onBusy: () => options.onProgress({...event, note: 'every slot is busy; waiting to retry (not charged)'}),
      })
      options.paid.set(current.key, submission.cost ?? 0)
      current = state.updateUnit(id, unit.index, {
        status: 'submitted',
        kind: plan.kind,
        ids: submission.ids,
        ...(submission.cost ? {cost: submission.cost} : {}),
      })
      const cost = submission.cost ? ` (${submission.cost} credits)` : ''
      options.onProgress({
        ...event,
        status: 'running',
        note: `submitted ${plan.kind} ${submission.ids.join(', ')}${cost} · key ${current.key}`,
        ids: submission.ids,
        credits: submission.cost,
      })
    } else {
      options.onProgress({
        ...event,
        status: 'running',
        note: `waiting for ${current.kind} ${(current.ids ?? []).join(', ')} (submitted in an earlier run)`,
        ids: current.ids,
        credits: current.cost,
      })
    }

    const kind = current.kind as TaskKind
    const waits = await Promise.allSettled(
      (current.ids ?? []).map((taskId) =>
        waitForTask(options.api(), kind, taskId, {
          timeoutSec: options.timeoutSec,
          pollIntervalSec: options.pollIntervalSec,
          signal: options.signal,
        }),
      ),
    )
    if (options.signal.aborted) throw options.signal.reason
    snapshots = waits.flatMap((w) => (w.status === 'fulfilled' ? [w.value] : []))
    errors = waits.flatMap((w) => (w.status === 'rejected' ? [toCliError(w.reason)] : []))
    const timedOut = errors.find((e) => e.exitCode === ExitCode.Timeout)
    if (timedOut) throw timedOut
  } finally {
    pool.release(step.units ?? 1)
  }

  // What finished is kept (and downloaded) even when other tasks of the creation failed: it was paid for.
  const kind = current.kind as TaskKind
  const dir = options.stepDir(id)
  const files: string[] = []
  if (dir)
    for (const snapshot of snapshots)
      files.push(await download(options, snapshot.id, kind === 'music' ? 'audio' : kind, dir, snapshot.raw))
  const items = snapshots.map((snapshot) => finishedItem(kind, snapshot.id, snapshot.raw))
  const failure = errors[0]
  const next = state.updateUnit(id, unit.index, {
    status: failure ? 'failed' : 'done',
    files,
    items,
    ...(failure ? {error: failure.message, exit_code: failure.exitCode} : {}),
  })
  if (failure) elementDone(next, items.length > 0 ? 'partial' : 'failed', `failed: ${failure.message}`)
  else elementDone(next, 'completed', `done${files.length > 0 ? ` → ${files.join(', ')}` : ''}`)
  return {unit: next, resumed: false}
}

/** Downloads one finished task into `dir`, size-checked against what the service reported. */
export async function download(
  options: Pick<EngineOptions, 'api'> & {signal?: AbortSignal},
  id: number,
  type: 'video' | 'image' | 'audio',
  dir: string,
  raw?: Record<string, unknown>,
): Promise<string> {
  const api = options.api()
  let detail = raw
  if (!detail) {
    const {fetchTask} = await import('../api/tasks.js')
    detail = (await fetchTask(api, type, id)).raw
  }

  const {url, name, bytes} = await assetDownloadUrl(api, id, type, detail)
  return downloadFile(url, dir, name, undefined, {expectedBytes: bytes, kind: type, signal: options.signal})
}
