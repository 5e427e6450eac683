import {idKeyFor} from '../api/submit.js'
import type {TaskKind} from '../api/tasks.js'
import {CliError, ExitCode} from '../errors.js'

export interface WaitAbort {
  signal: AbortSignal
  dispose(): void
}

/**
 * What stops a wait: Ctrl-C at a terminal, or the caller's own signal (an MCP client cancelling a
 * tool call). Only the polling stops: the tasks keep running, so the error (exit 130) names their
 * ids and how to resume.
 */
export function waitAbort(kind: TaskKind, ids: number[], external?: AbortSignal): WaitAbort {
  const controller = new AbortController()
  const stop = (what: string) => () =>
    controller.abort(new CliError(`${what} while waiting; the tasks keep running`, {
      exitCode: ExitCode.Interrupted,
      details: idDetails(kind, ids),
      hint: resumeHint(kind, ids[0]),
    }))
  const onSigint = stop('Interrupted')
  const onCancel = stop('Cancelled')
  // `on`, not `once`: signal-exit (loaded by the terminal display) re-raises SIGINT when it sees no other listener.
  process.on('SIGINT', onSigint)
  if (external?.aborted) onCancel()
  external?.addEventListener('abort', onCancel, {once: true})
  return {
    signal: controller.signal,
    dispose() {
      process.removeListener('SIGINT', onSigint)
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
