/** Transport-level retry rules shared by API calls and downloads. */
import {clock} from '../util/clock.js'

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
