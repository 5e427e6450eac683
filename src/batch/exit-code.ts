import {ExitCode} from '../errors.js'
import {mostSevereExit} from '../util/exit-priority.js'

/** 0 when every row succeeded, else the most severe code (util/exit-priority.ts); codes outside it count as 1. */
export function batchExitCode(codes: number[]): number {
  const failed = codes.filter((code) => code !== 0)
  if (failed.length === 0) return ExitCode.Success
  if (failed.includes(ExitCode.Interrupted)) return ExitCode.Interrupted
  return mostSevereExit(failed) ?? ExitCode.General
}
