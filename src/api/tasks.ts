import {clock} from '../util/clock.js'
import {Pool} from '../util/pool.js'
import {CliError, ExitCode, generationError, isCliError, timeoutError} from '../errors.js'
import type {ApiClient} from './client.js'
import {fetchDetail} from './detail.js'
import {isTransient, sleep} from './retry.js'

/** The kinds of task the service tracks, each with its own detail endpoint. */
export type TaskKind = 'video' | 'image' | 'audio' | 'music'

export type TaskState = 'done' | 'pending' | 'failed'

export interface TaskSnapshot {
  id: number
  kind: TaskKind
  statusCode: number
  state: TaskState
  raw: Record<string, unknown>
}

/** Status codes of docs/protocol.md §4.1. */
export const DONE = 1
export const PENDING = new Set([5, 9, 10])
export const FAILED_LABELS: Record<number, string> = {7: 'Not approved', 8: 'Failed'}

export function statusLabel(code: number): string {
  if (code === DONE) return 'Completed'
  if (code === 5 || code === 9) return 'In queue'
  if (code === 10) return 'Generating'
  return FAILED_LABELS[code] ?? `unknown(${code})`
}

/** Every status look-up of the process shares these connections (task status of many ids, waits, batches). */
const LOOKUPS = new Pool(8)

export async function fetchTask(client: ApiClient, kind: TaskKind, id: number): Promise<TaskSnapshot> {
  const raw = await LOOKUPS.run(() => fetchDetail(client, kind, id))
  return classify(kind, id, raw)
}

export function classify(kind: TaskKind, id: number, raw: Record<string, unknown>): TaskSnapshot {
  assertHasStatus(kind, id, raw)
  if (kind === 'audio' || kind === 'music') {
    const code = Number(raw.audio_status ?? 0)
    const state: TaskState =
      raw.status === 'finish' || code === DONE
        ? 'done'
        : raw.status === 'failed' || code === 7 || code === 8
          ? 'failed'
          : PENDING.has(code) || raw.status === 'pending' || raw.status === 'processing'
            ? 'pending'
            : 'failed'
    return {id, kind, statusCode: code, state, raw}
  }

  const code = Number(kind === 'video' ? raw.video_status : raw.image_status)
  const state: TaskState = code === DONE ? 'done' : PENDING.has(code) ? 'pending' : 'failed'
  return {id, kind, statusCode: code, state, raw}
}

/**
 * A detail without its status is a broken answer, not a failed generation: reporting it as
 * "failed" (exit 5) would tell an agent to pay for the creation again.
 */
function assertHasStatus(kind: TaskKind, id: number, raw: Record<string, unknown>): void {
  const fields =
    kind === 'audio' || kind === 'music'
      ? ['audio_status', 'status']
      : [kind === 'video' ? 'video_status' : 'image_status']
  const present =
    raw &&
    typeof raw === 'object' &&
    fields.some((field) => {
      const value = raw[field]
      return (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && value.trim() !== '')
    })
  if (!present) {
    throw new CliError(`Malformed answer from the service: the ${kind} detail of ${id} has no ${fields.join(' or ')}`, {
      exitCode: ExitCode.General,
      hint: `The task may still be running: check it later with \`pixverse task status ${id}${kind === 'video' ? '' : ` --type ${kind === 'music' ? 'audio' : kind}`}\`.`,
    })
  }
}

export interface WaitOptions {
  timeoutSec: number
  /** Fixed interval chosen by the user (never below 1 s); otherwise the 2 s / 5 s / 10 s schedule. */
  pollIntervalSec?: number
  signal?: AbortSignal
  onUpdate?: (snapshot: TaskSnapshot, elapsedMs: number) => void
}

/** The reference schedule (docs/protocol.md §4.2): 2 s for the first 30 s, 5 s until 2 min, then 10 s. */
export function scheduledInterval(elapsedMs: number): number {
  if (elapsedMs < 30_000) return 2000
  if (elapsedMs < 120_000) return 5000
  return 10_000
}

/**
 * Polls until the task is done. Detail first (no initial sleep), then status, then the timeout
 * check, then sleep: exit 5 on a failed task, exit 2 on timeout with the id so `task wait` resumes.
 */
export async function waitForTask(
  client: ApiClient,
  kind: TaskKind,
  id: number,
  options: WaitOptions,
): Promise<TaskSnapshot> {
  const started = clock().now()
  const deadline = started + options.timeoutSec * 1000
  for (;;) {
    let snapshot: TaskSnapshot
    try {
      snapshot = await fetchTask(client, kind, id)
    } catch (error) {
      // The command's own deadline ran out inside the request: the same exit 2, naming the task.
      if (isCliError(error) && error.exitCode === ExitCode.Timeout) {
        throw timeoutError(`${error.message} (${kind}_id: ${id})`, {[`${kind === 'music' ? 'audio' : kind}_id`]: id})
      }

      // A poll lost to the network says nothing about the task: look again while time remains.
      if (!isTransient(error) || clock().now() >= deadline) throw error
      await sleep(Math.min(2000, Math.max(0, deadline - clock().now())), options.signal)
      continue
    }

    const elapsed = clock().now() - started
    options.onUpdate?.(snapshot, elapsed)
    if (snapshot.state === 'done') return snapshot
    if (snapshot.state === 'failed') throw taskFailure(snapshot)
    const remaining = deadline - clock().now()
    if (remaining <= 0) {
      throw timeoutError(`Polling timed out after ${options.timeoutSec}s (${kind}_id: ${id})`, {
        [`${kind === 'music' ? 'audio' : kind}_id`]: id,
        status: statusLabel(snapshot.statusCode),
      })
    }

    const interval = options.pollIntervalSec
      ? Math.max(1000, options.pollIntervalSec * 1000)
      : scheduledInterval(elapsed)
    // Never sleep past the deadline: one last look at it beats a timeout that fires late.
    await sleep(Math.min(interval, remaining + 50), options.signal)
  }
}

export function taskFailure(snapshot: TaskSnapshot) {
  const reason = snapshot.raw.fail_reason ?? snapshot.raw.err_msg
  const label =
    snapshot.kind === 'audio' || snapshot.kind === 'music'
      ? String(snapshot.raw.status ?? 'failed')
      : statusLabel(snapshot.statusCode)
  const message = `Generation ${label.toLowerCase()} (${snapshot.kind}_id: ${snapshot.id}, status ${snapshot.statusCode})${reason ? `: ${String(reason)}` : ''}`
  return generationError(
    message,
    {id: snapshot.id, status_code: snapshot.statusCode},
    undefined,
    failureHint(snapshot.statusCode),
  )
}

/**
 * What to change after a failed generation. The task detail does not say whether its credits came
 * back; the credit history does (a Refund record), so the hint points there rather than guess.
 */
function failureHint(statusCode: number): string {
  const refund = 'Whether the credits came back shows in `pixverse account usage` (a Refund line).'
  if (statusCode === 7)
    return `The service did not approve the content: change the prompt or the input media and create again. ${refund}`
  return `Create again, or change the model, the prompt or the inputs if it keeps failing. ${refund}`
}
