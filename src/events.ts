import type {Config} from '@oclif/core'

import type {TaskKind, TaskSnapshot} from './api/tasks.js'

/**
 * The named events core commands fire for plugins (oclif hooks). The payload types are part of
 * the public API (exported from the package entry) and declared on oclif's `Hooks` map, so a
 * plugin's `Hook<'task-finished'>` is fully typed. Add fields freely; never rename or remove one.
 */

/** A creation was accepted by the service (before any waiting). */
export interface TaskSubmittedEvent {
  kind: TaskKind
  /** Every task id the submission created (more than one with --count). */
  ids: number[]
  traceId: string
  /** The request body as sent (model, prompt, quality… and the idempotency key). */
  params: Record<string, unknown>
}

/** A task reached a final state while the CLI was waiting for it (`create …` or `task wait`). */
export interface TaskFinishedEvent {
  kind: TaskKind
  id: number
  /** `failed` covers both "failed" (status 8) and "not approved" (status 7). */
  status: 'completed' | 'failed'
  /** The service's status code (docs/protocol.md §4.1: 1 done, 7 not approved, 8 failed). */
  statusCode: number
  /** The task's detail record as the service returned it (urls, model, prompt…). */
  detail: Record<string, unknown>
}

/** `asset download` wrote a file (after the atomic rename). */
export interface FileDownloadedEvent {
  id: number
  type: 'video' | 'image' | 'audio'
  /** Absolute path of the file. */
  file: string
}

export interface PixverseEvents {
  'task-submitted': TaskSubmittedEvent
  'task-finished': TaskFinishedEvent
  'file-downloaded': FileDownloadedEvent
}

declare module '@oclif/core/interfaces' {
  interface Hooks {
    'task-submitted': {options: TaskSubmittedEvent; return: void}
    'task-finished': {options: TaskFinishedEvent; return: void}
    'file-downloaded': {options: FileDownloadedEvent; return: void}
  }
}

/**
 * Fires an event. A listener that throws never breaks the command (the task already exists, the
 * file is already written): its error becomes a warning on stderr.
 */
export async function emit<E extends keyof PixverseEvents>(
  config: Config,
  event: E,
  payload: PixverseEvents[E],
  warn: (message: string) => void,
): Promise<void> {
  const {failures} = await config.runHook(event, payload, undefined, true)
  for (const failure of failures) warn(`Plugin ${failure.plugin.name} failed on ${event}: ${failure.error.message}`)
}

/** The task-finished payload for a final snapshot. */
export function finishedEvent(snapshot: TaskSnapshot): TaskFinishedEvent {
  return {
    kind: snapshot.kind,
    id: snapshot.id,
    status: snapshot.state === 'done' ? 'completed' : 'failed',
    statusCode: snapshot.statusCode,
    detail: snapshot.raw,
  }
}
