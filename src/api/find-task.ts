import {ExitCode, isCliError, timeoutError} from '../errors.js'
import type {ApiClient} from './client.js'
import {findKind} from './find-kind.js'
import {idKeyFor} from './submit.js'
import {type TaskKind, type TaskSnapshot, fetchTask} from './tasks.js'

/** Without `--type`, an id is looked for as a video, then as an image; audio is never guessed (it needs `--type audio`). */
const UNTYPED: readonly TaskKind[] = ['video', 'image']

/** A task's current snapshot: of the kind given, or of the first kind that knows the id. */
export async function findTask(client: ApiClient, id: number, kind?: TaskKind): Promise<TaskSnapshot> {
  const kinds = kind ? [kind] : UNTYPED
  const hint = kind
    ? `Check the id and --type (\`pixverse asset list --type ${kind === 'music' ? 'audio' : kind}\` lists yours).`
    : 'Check the id (`pixverse asset list` lists yours); a voice or music task needs `--type audio`.'
  return findKind(
    id,
    kinds.map((each) => ({kind: each, look: () => fetchTask(client, each, id).catch(namingId(each, id))})),
    hint,
  )
}

/** A command's deadline that ran out inside a look-up is still exit 2 naming the task, so `task wait` can resume. */
function namingId(kind: TaskKind, id: number): (error: unknown) => never {
  return (error) => {
    if (!isCliError(error) || error.exitCode !== ExitCode.Timeout) throw error
    throw timeoutError(`${error.message} (${idKeyFor(kind)}: ${id})`, {[idKeyFor(kind)]: id})
  }
}
