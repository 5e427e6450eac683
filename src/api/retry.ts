/**
 * The one transfer-retry policy of `src/api/`: which failures are worth another try, how many tries
 * each kind of transfer gets (`RETRY`), and how long it waits in between (on the shared clock).
 */
import {clock} from '../util/clock.js'

/** How often one kind of transfer is tried in all (the first try included), and its back-off. */
export interface RetrySchedule {
  readonly tries: number
  readonly baseMs: number
  readonly capMs: number
}

/**
 * The named schedules. They differ only where a repeat costs differently:
 * - `apiCall`: eight tries (seven jittered waits from 0.3 s up to 5 s, about 15 s in all): agents
 *   run unattended, so a burst of failed answers should cost some seconds, not the job. Only calls
 *   that are safe to repeat (reads, creates with an idempotency key) use it.
 * - `once`: calls that must never be repeated (a create without a key, a login poll): one try.
 * - `download`: as many tries as an API call: each retry resumes with a Range request, so it costs
 *   only the bytes still missing.
 * - `upload`: three tries: each retry sends the whole file again (minutes for a large video).
 * - `remoteMedia`: a URL the user named, on someone else's host: one more try, then the user hears.
 */
export const RETRY = {
  apiCall: {tries: 8, baseMs: 300, capMs: 5000},
  once: {tries: 1, baseMs: 300, capMs: 5000},
  download: {tries: 8, baseMs: 300, capMs: 5000},
  upload: {tries: 3, baseMs: 300, capMs: 5000},
  remoteMedia: {tries: 2, baseMs: 300, capMs: 5000},
} as const satisfies Record<string, RetrySchedule>

/** Whether try number `attempt` (from 1) may be followed by another. */
export function mayRetry(schedule: RetrySchedule, attempt: number): boolean {
  return attempt < schedule.tries
}

/** The wait after try `attempt`: the server's `Retry-After` when it sent one, otherwise the schedule's back-off. */
export function retryDelay(schedule: RetrySchedule, attempt: number, retryAfter?: number): number {
  return retryAfter ?? backoffDelay(attempt, schedule.baseMs, schedule.capMs)
}

/** Waits (on the shared clock) before the try after `attempt`. */
export function waitToRetry(
  schedule: RetrySchedule,
  attempt: number,
  options: {retryAfterMs?: number; signal?: AbortSignal} = {},
): Promise<void> {
  return sleep(retryDelay(schedule, attempt, options.retryAfterMs), options.signal)
}

const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504])
const RETRYABLE_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ERR_GOT_REQUEST_ERROR',
  'ERR_STREAM_PREMATURE_CLOSE',
])

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUS.has(status)
}

export function isRetryableNetworkError(error: unknown): boolean {
  const {code, name} = error as {code?: string; name?: string}
  return name === 'TimeoutError' || name === 'ReadError' || (code !== undefined && RETRYABLE_CODES.has(code))
}

/** Full-jitter exponential backoff: 0.3 s, 0.6 s, 1.2 s … capped at 5 s, randomised so clients spread out. */
export function backoffDelay(attempt: number, baseMs = 300, capMs = 5000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** (attempt - 1))
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2))
}

/** `Retry-After` in seconds or as an HTTP date, capped at 30 s so a wait never looks like a hang. */
export function retryAfterMs(header: string | string[] | undefined, capMs = 30_000): number | undefined {
  const value = Array.isArray(header) ? header[0] : header
  if (!value) return undefined
  const seconds = Number(value)
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - clock().now()
  return Number.isFinite(ms) && ms >= 0 ? Math.min(ms, capMs) : undefined
}

/** Waits on the shared clock (see util/clock.ts), so tests can run a back-off in no time. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return clock().sleep(ms, signal)
}

/**
 * Marks an error as a transport hiccup that outlived the client's own retries (a reset, a 5xx, a
 * damaged body). A caller that loops anyway (task polling) may look again instead of giving up.
 */
export function markTransient<E extends object>(error: E): E {
  Object.defineProperty(error, 'transient', {value: true, enumerable: false})
  return error
}

export function isTransient(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as {transient?: unknown}).transient === true
}
