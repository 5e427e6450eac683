import {ExitCode} from '../errors.js'

/**
 * Which failure decides the exit code when several items of one command failed differently
 * (docs/cli.md §3): auth > credits > concurrency > timeout > generation failed. `task status` of
 * several ids, `batch run` and `pipeline run` all use this one order.
 */
const PRIORITY: readonly number[] = [
  ExitCode.Auth,
  ExitCode.Credits,
  ExitCode.ConcurrencyLimit,
  ExitCode.Timeout,
  ExitCode.GenerationFailed,
]

/** The most severe of `codes` by that order; undefined when none of them is in it. */
export function mostSevereExit(codes: Iterable<number>): number | undefined {
  const seen = new Set(codes)
  return PRIORITY.find((code) => seen.has(code))
}
