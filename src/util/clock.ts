/**
 * The one source of "now" and "wait" for everything that polls, backs off or keeps a deadline.
 * Production code reads `clock()`; an in-process test installs a clock it controls with
 * `useClock()`, so a poll schedule or a back-off costs milliseconds instead of seconds.
 */
export interface Clock {
  now(): number
  /** Resolves after `ms` (clamped to a timer's range), or rejects with the signal's reason. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

/** setTimeout fires at once for delays of 2^31 ms or more; anything longer is clamped to this. */
export const MAX_TIMER_MS = 2 ** 31 - 1

export function clampDelay(ms: number): number {
  if (!Number.isFinite(ms)) return ms > 0 ? MAX_TIMER_MS : 0
  return Math.min(MAX_TIMER_MS, Math.max(0, ms))
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason)
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort)
        resolve()
      }, clampDelay(ms))
      const onAbort = () => {
        clearTimeout(timer)
        reject(signal?.reason)
      }

      signal?.addEventListener('abort', onAbort, {once: true})
    })
  },
}

let current: Clock = realClock

export function clock(): Clock {
  return current
}

/** Installs `replacement` until the returned function is called (tests only install; src never does). */
export function useClock(replacement: Clock): () => void {
  const previous = current
  current = replacement
  return () => {
    current = previous
  }
}
