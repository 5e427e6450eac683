/**
 * Task lifecycle as a pure function of time, so any process can answer a poll without a
 * background worker: a task of duration D is 5 (pending) for the first 15 % of D, 9 (queued)
 * until 30 %, 10 (generating) until D, then its terminal status (1, 7 or 8).
 */
import type {Kind, State, Task} from './store.js'

export interface TaskClock {
  status: number
  terminal: boolean
  /** queue_data reported while not done; undefined once terminal */
  queueData?: {queue_time: number; processing_start_time: number; estimated_gen_time: number}
}

export function taskClock(task: Task, now: number): TaskClock {
  const elapsed = now - task.createdAt
  const d = task.durationMs
  if (elapsed >= d) return {status: task.outcome, terminal: true}
  const status = elapsed < d * 0.15 ? 5 : elapsed < d * 0.3 ? 9 : 10
  const processingStart = task.createdAt + d * 0.3
  return {
    status,
    terminal: false,
    queueData: {
      // seconds spent queued so far (grows until processing starts)
      queue_time: Math.round(Math.min(elapsed, d * 0.3) / 1000),
      // unix seconds when generation started, 0 while still queued
      processing_start_time: status === 10 ? Math.floor(processingStart / 1000) : 0,
      // whole expected generation time in seconds
      estimated_gen_time: Math.max(1, Math.ceil(d / 1000)),
    },
  }
}

/**
 * The service gives back what a failed (8) or rejected (7) task cost, as a Refund record
 * (acquired_type 2). Task states are a function of time, so refunds are settled lazily: by every
 * call that reads or spends credits, before it does. Personal refunds go to membership credits.
 */
export function settleRefunds(state: State, now: number): State {
  for (const task of Object.values(state.tasks)) {
    if (task.outcome === 1 || task.refunded || !taskClock(task, now).terminal) continue
    task.refunded = true
    if (task.workspaceId === 0) state.credits.credit_monthly += task.cost
    state.creditRecords.push({
      id: state.creditRecords.length + 1,
      acquired_type: 2,
      credits: task.cost,
      created_at: task.createdAt + task.durationMs,
      task_id: task.id,
      mode: task.mode,
      model: task.model,
      workspace_id: task.workspaceId,
    })
  }

  return state
}

/** Slots in use of one kind: tasks of that kind not yet terminal. */
export function slotsUsed(state: State, kind: Kind, now: number): number {
  let used = 0
  for (const task of Object.values(state.tasks)) {
    if (task.kind === kind && !taskClock(task, now).terminal) used++
  }
  return used
}

// ---- prompt markers ----

export interface Markers {
  fail: boolean
  reject: boolean
  failFirst: number
  sensitive: boolean
  seconds?: number
}

/** Collects every string in the body (prompt, prompts[], text, lyrics, …) so markers work in any mode. */
function strings(value: unknown, out: string[]): string[] {
  if (typeof value === 'string') out.push(value)
  else if (Array.isArray(value)) for (const v of value) strings(v, out)
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out)
  return out
}

export function readMarkers(body: Record<string, unknown>): Markers {
  const text = strings(body, []).join('\n')
  const seconds = /\[sandbox:seconds=(\d+(?:\.\d+)?)\]/.exec(text)
  return {
    fail: text.includes('[sandbox:fail]'),
    // `[sandbox:fail=K]`: only the first K tasks of a `create_count` batch fail (partial failures).
    failFirst: Number(/\[sandbox:fail=(\d+)\]/.exec(text)?.[1] ?? 0),
    reject: text.includes('[sandbox:reject]'),
    sensitive: text.includes('[sandbox:sensitive]'),
    seconds: seconds ? Number(seconds[1]) : undefined,
  }
}

// ---- output geometry ----

const SHORT_SIDE: Record<string, number> = {
  '360p': 360,
  '480p': 480,
  '512p': 512,
  '540p': 540,
  '720p': 720,
  '1080p': 1080,
  '1440p': 1440,
  '1800p': 1800,
  '2160p': 2160,
  '2k': 1440,
  '4k': 2160,
}

/** Width/height a real render of this quality and aspect ratio would have (even numbers). */
export function outputSize(quality: string, aspectRatio: string): {width: number; height: number} {
  const short = SHORT_SIDE[quality.toLowerCase()] ?? 720
  const m = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(aspectRatio)
  const [w, h] = m ? [Number(m[1]), Number(m[2])] : [16, 9]
  const even = (n: number) => Math.round(n / 2) * 2
  return w >= h ? {width: even((short * w) / h), height: short} : {width: short, height: even((short * h) / w)}
}

// ---- prices (sandbox-only table; the real service prices per model) ----

const VIDEO_PER_5S: Record<string, number> = {
  '360p': 20,
  '480p': 25,
  '540p': 30,
  '720p': 40,
  '1080p': 80,
  '1440p': 120,
  '2160p': 160,
}
const IMAGE_EACH: Record<string, number> = {
  '512p': 3,
  '720p': 5,
  '1080p': 10,
  '1440p': 15,
  '1800p': 18,
  '2k': 15,
  '2160p': 20,
  '4k': 20,
}

export function videoCost(quality: string, duration: number): number {
  const per5 = VIDEO_PER_5S[quality] ?? 40
  return Math.max(1, Math.round((per5 * duration) / 5))
}

export function imageCost(quality: string): number {
  return IMAGE_EACH[quality] ?? 10
}

export const FLAT_COST = {upscale: 60, tts: 5, music: 20} as const
