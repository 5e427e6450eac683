import {type StopSignal, exitSoon, onStopSignal, stopExitCode} from './wait-abort.js'

/**
 * Listens to SIGINT and SIGTERM for one phase of a command (a create from its first request to the
 * end of its submit), so a signal never kills the process while an answer that names paid work is
 * on its way. `race` hands each step's outcome to the step's own stop handler, which may still wait
 * a bounded moment for that answer before it throws the error to print.
 */
export class StopGuard {
  private received?: StopSignal
  private readonly waiting = new Set<(signal: StopSignal) => void>()
  private readonly stopListening: () => void

  /** `exitAfterMs`: a real process is ended that long after the signal, whatever still holds it open. */
  constructor(private readonly exitAfterMs: number | undefined) {
    this.stopListening = onStopSignal((signal) => {
      if (this.received) return
      this.received = signal
      if (exitAfterMs !== undefined) exitSoon(stopExitCode(signal), exitAfterMs)
      for (const wake of this.waiting) wake(signal)
    })
  }

  get stopped(): StopSignal | undefined {
    return this.received
  }

  async race<T>(job: Promise<T>, onStop: (signal: StopSignal) => Promise<never>): Promise<T> {
    if (this.received) return this.leaving(onStop(this.received))
    let wake!: (signal: StopSignal) => void
    const stopped = new Promise<never>((_resolve, reject) => {
      wake = (signal) => this.leaving(onStop(signal)).catch(reject)
    })
    this.waiting.add(wake)
    try {
      return await Promise.race([job, stopped])
    } finally {
      this.waiting.delete(wake)
    }
  }

  /** Once the stop error is known, a real process ends right after printing it, not when a stray socket closes. */
  private async leaving(stop: Promise<never>): Promise<never> {
    try {
      return await stop
    } finally {
      if (this.exitAfterMs !== undefined && this.received) exitSoon(stopExitCode(this.received), 1000)
    }
  }

  dispose(): void {
    this.stopListening()
  }
}
