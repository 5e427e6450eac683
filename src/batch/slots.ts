import type {ApiClient} from '../api/client.js'
import {sleep} from '../api/retry.js'
import {type Submission, sendCreation} from '../api/submit.js'
import type {CreationPlan} from '../creations/types.js'
import {ExitCode, isCliError} from '../errors.js'
import {clock} from '../util/clock.js'

/**
 * A counting semaphore per task kind: a row holds as many units as the tasks it creates, so the
 * batch never asks the service for more concurrent generations than the account has slots.
 */
export class SlotPool {
  private used = 0
  private waiters: Array<() => void> = []

  constructor(private limit: number) {}

  async acquire(units: number, signal?: AbortSignal): Promise<void> {
    const need = Math.min(units, this.limit)
    while (this.used + need > this.limit) {
      if (signal?.aborted) throw signal.reason
      await new Promise<void>((resolve) => this.waiters.push(resolve))
    }

    this.used += need
  }

  release(units: number): void {
    this.used = Math.max(0, this.used - Math.min(units, this.limit))
    const waiting = this.waiters
    this.waiters = []
    for (const wake of waiting) wake()
  }

  /** Wakes every waiter so an abort is noticed. */
  wakeAll(): void {
    this.release(0)
  }
}

/** Back-off after the service said every slot is busy (exit 7): 2 s, 4 s … 30 s, jittered. */
export async function concurrencyBackoff(
  attempt: number,
  signal?: AbortSignal,
  maxMs = Number.POSITIVE_INFINITY,
): Promise<void> {
  const ceiling = Math.min(30_000, 2000 * 2 ** Math.min(attempt, 4))
  await sleep(Math.max(0, Math.min(maxMs, ceiling / 2 + Math.random() * (ceiling / 2))), signal)
}

/**
 * Submits one creation under its key, backing off while the service says every slot is busy (not
 * charged); `timeoutSec` bounds that wait too (then exit 7). Shared by batch rows and pipeline steps.
 */
export async function submitWhenSlotFree(
  api: ApiClient,
  plan: CreationPlan,
  key: string,
  options: {timeoutSec: number; signal?: AbortSignal; onBusy(): void},
): Promise<Submission> {
  const deadline = clock().now() + options.timeoutSec * 1000
  for (let attempt = 0; ; attempt++) {
    try {
      return await sendCreation(api, plan, key)
    } catch (error) {
      if (!isCliError(error) || error.exitCode !== ExitCode.ConcurrencyLimit || clock().now() >= deadline) throw error
      options.onBusy()
      await concurrencyBackoff(attempt, options.signal, deadline - clock().now())
    }
  }
}
