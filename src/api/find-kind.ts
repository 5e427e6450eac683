import {CliError, ExitCode, isCliError} from '../errors.js'
import {isTransient} from './retry.js'

/** One kind an id may be: what to call it in an error, and its look-up (undefined: not this kind). */
export interface KindLookup<T> {
  kind: string
  look: () => Promise<T | undefined>
}

/**
 * The one search for an id's kind: each look-up in the order given until one answers. Only the service's
 * general answer ("not found" and the like) moves on; auth, credits, limits, timeouts, network failures and
 * our own findings (a malformed detail) say nothing about the kind and stop the search. When every kind
 * failed, the error names the id and every kind tried, not just the last kind's own message ("Audio not found" for an image id).
 */
export async function findKind<T>(id: number, lookups: Array<KindLookup<T>>, hint: string): Promise<T> {
  const failures: CliError[] = []
  for (const {look} of lookups) {
    try {
      const found = await look()
      if (found !== undefined) return found
    } catch (error) {
      // A service answer carries its numeric ErrCode; a network failure carries the system's (`EPERM`, …).
      const answered = isCliError(error) && error.exitCode === ExitCode.General && typeof error.code === 'number'
      if (!answered || isTransient(error)) throw error
      failures.push(error)
    }
  }

  const codes = new Set(failures.map((failure) => failure.code))
  throw new CliError(`No ${orList(lookups.map((lookup) => lookup.kind))} found with id ${id}`, {
    exitCode: ExitCode.General,
    // The service's code only when every kind answered with the same one (e.g. all "not found").
    ...(codes.size === 1 && failures.length === lookups.length ? {code: failures[0].code} : {}),
    traceId: failures.at(-1)?.traceId,
    hint,
  })
}

/** `a`, `a or b`, `a, b or c`. */
function orList(words: string[]): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`
}
