import {type Clock, useClock} from '../../src/util/clock.js'

export interface TestClock extends Clock {
  /** Every sleep asked for, in order (ms), so a test can check the schedule it skipped. */
  readonly sleeps: number[]
}

/**
 * A clock whose `sleep(ms)` moves `now` forward by `ms` and resolves on the next turn of the event
 * loop, so a poll schedule or a back-off costs no real time. `realMsPerSecond` lets each skipped
 * second still cost that much real time: a server on the other side of loopback (the sandbox) runs
 * on real time, and a poll loop that never waits would burn through its deadline before the task
 * there is done.
 */
export function testClock(options: {start?: number; realMsPerSecond?: number} = {}): TestClock {
  let now = options.start ?? Date.now()
  const sleeps: number[] = []
  const realMsPerSecond = options.realMsPerSecond ?? 0
  return {
    sleeps,
    now: () => now,
    sleep(ms, signal) {
      if (signal?.aborted) return Promise.reject(signal.reason)
      sleeps.push(ms)
      now += Math.max(0, ms)
      const real = Math.round((Math.max(0, ms) / 1000) * realMsPerSecond)
      return new Promise((resolve, reject) => {
        const done = () => {
          signal?.removeEventListener('abort', onAbort)
          resolve()
        }

        const timer = real > 0 ? setTimeout(done, real) : setImmediate(done)
        const onAbort = () => {
          if (real > 0) clearTimeout(timer as NodeJS.Timeout)
          else clearImmediate(timer as NodeJS.Immediate)
          reject(signal?.reason)
        }

        signal?.addEventListener('abort', onAbort, {once: true})
      })
    },
  }
}

/** Registers mocha hooks that install a test clock for the calling describe block and restore the real one. */
export function useTestClock(options: Parameters<typeof testClock>[0] = {}): {readonly clock: TestClock} {
  let current: TestClock | undefined
  let restore: (() => void) | undefined
  before(function () {
    current = testClock(options)
    restore = useClock(current)
  })
  after(function () {
    restore?.()
  })
  return {
    get clock() {
      if (!current) throw new Error('useTestClock(): the clock is installed by its before hook')
      return current
    },
  }
}
