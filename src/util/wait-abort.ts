import {idKeyFor} from '../api/submit.js'
import type {TaskKind} from '../api/tasks.js'
import {CliError, ExitCode} from '../errors.js'

export type StopSignal = 'SIGINT' | 'SIGTERM'

/** Ctrl-C and what `timeout(1)`, CI cancellation and `docker stop` send: both stop a command the same way. */
const STOP_SIGNALS: StopSignal[] = ['SIGINT', 'SIGTERM']

/** 130 after SIGINT, 143 after SIGTERM, as shells report them. */
export function stopExitCode(signal: StopSignal): number {
  return signal === 'SIGTERM' ? ExitCode.Terminated : ExitCode.Interrupted
}

/** How an error names the signal that stopped the command. */
export function stopWord(signal: StopSignal): string {
  return signal === 'SIGINT' ? 'Interrupted' : 'Terminated (SIGTERM)'
}

/**
 * Calls `handler` on SIGINT or SIGTERM until the returned function is called. `on`, not `once`:
 * signal-exit (loaded by the terminal display) re-raises a signal when it sees no other listener.
 */
export function onStopSignal(handler: (signal: StopSignal) => void): () => void {
  const listeners = STOP_SIGNALS.map((name) => [name, () => handler(name)] as const)
  for (const [name, listener] of listeners) process.on(name, listener)
  return () => {
    for (const [name, listener] of listeners) process.removeListener(name, listener)
  }
}

/**
 * A process that was told to stop must stop even when a request it no longer waits for still holds
 * a socket open. The timer is unref'd: it never keeps the process alive on its own, it only ends one
 * that would otherwise linger. In-process callers (the MCP server) never arm it.
 */
export function exitSoon(code: number, afterMs = 1000): void {
  setTimeout(() => process.exit(code), afterMs).unref()
}

export interface WaitAbort {
  signal: AbortSignal
  dispose(): void
}

/**
 * What stops a wait: Ctrl-C or SIGTERM, or the caller's own signal (an MCP client cancelling a tool
 * call). Only the polling stops: the tasks keep running, so the error (exit 130/143) names their
 * ids and how to resume.
 */
export function waitAbort(
  kind: TaskKind | (() => TaskKind),
  ids: number[],
  external?: AbortSignal,
  details: Record<string, unknown> = {},
): WaitAbort {
  const controller = new AbortController()
  // A kind still being looked up (`task wait` without --type) is read when the stop comes.
  const kindNow = () => (typeof kind === 'function' ? kind() : kind)
  const stop = (what: string, exitCode: number) =>
    controller.abort(
      new CliError(`${what} while waiting; the tasks keep running`, {
        exitCode,
        details: {...idDetails(kindNow(), ids), ...details},
        hint: resumeHint(kindNow(), ids[0]),
      }),
    )
  const onCancel = () => stop('Cancelled', ExitCode.Interrupted)
  const stopListening = onStopSignal((signal) => {
    stop(stopWord(signal), stopExitCode(signal))
    if (!external) exitSoon(stopExitCode(signal), 5000)
  })
  if (external?.aborted) onCancel()
  external?.addEventListener('abort', onCancel, {once: true})
  return {
    signal: controller.signal,
    dispose() {
      stopListening()
      external?.removeEventListener('abort', onCancel)
    },
  }
}

/** `task wait` knows video, image and audio (music is an audio task). */
export function resumeHint(kind: TaskKind, id: number): string {
  const type = kind === 'video' ? '' : ` --type ${kind === 'music' ? 'audio' : kind}`
  return `Resume with \`pixverse task wait ${id}${type}\`.`
}

export function idDetails(kind: TaskKind, ids: number[]): Record<string, unknown> {
  const key = idKeyFor(kind)
  return {[key]: ids[0], ...(ids.length > 1 ? {[`${key}s`]: ids} : {})}
}
