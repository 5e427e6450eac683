import {ExitCode} from '../errors.js'

/** The task-status priority (docs/cli.md §3): auth > credits > concurrency > timeout > generation. */
const PRIORITY: number[] = [
  ExitCode.Auth,
  ExitCode.Credits,
  ExitCode.ConcurrencyLimit,
  ExitCode.Timeout,
  ExitCode.GenerationFailed,
]

/** 0 when every row succeeded, else the most severe code; codes outside the list count as 1. */
export function batchExitCode(codes: number[]): number {
  const failed = codes.filter((code) => code !== 0)
  if (failed.length === 0) return ExitCode.Success
  if (failed.includes(ExitCode.Interrupted)) return ExitCode.Interrupted
  return PRIORITY.find((code) => failed.includes(code)) ?? ExitCode.General
}
