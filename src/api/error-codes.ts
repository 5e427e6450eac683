import {ExitCode} from '../errors.js'

/** Service ErrCodes the CLI interprets (docs/protocol.md §1.5). Anything else non-zero is a general error. */
const AUTH = new Set([10001, 10002, 10003, 10005])
const CREDITS = new Set([500043, 500045, 500067, 500323])
const CONCURRENCY = 500044
const CONTENT_POLICY = 500063
const WORKSPACE_MIN = 500400
const WORKSPACE_MAX = 500404

export const DEVICE_PENDING = 10055
export const DEVICE_SLOW_DOWN = 10054
export const DEVICE_EXPIRED = 10056

export function isWorkspaceError(code: number): boolean {
  return code >= WORKSPACE_MIN && code <= WORKSPACE_MAX
}

export function exitCodeFor(code: number): number {
  if (AUTH.has(code)) return ExitCode.Auth
  if (code === CONCURRENCY) return ExitCode.ConcurrencyLimit
  if (CREDITS.has(code)) return ExitCode.Credits
  if (code === CONTENT_POLICY) return ExitCode.GenerationFailed
  return ExitCode.General
}

/** What to say when the service sends an empty ErrMsg, and what to do next. */
export function defaultMessageFor(code: number): {message: string; hint?: string} {
  if (AUTH.has(code)) {
    return {message: 'Authentication failed — please re-login', hint: 'Run `pixverse auth login`.'}
  }

  if (code === CONCURRENCY) {
    return {
      message: 'Concurrent generation limit reached — wait for a slot and retry',
      hint: 'Check `pixverse account slots`, then retry with the same --idempotency-key.',
    }
  }

  if (CREDITS.has(code)) {
    return {message: 'Insufficient credits or subscription limit reached', hint: 'Check `pixverse account info`.'}
  }

  if (isWorkspaceError(code)) return {message: 'Workspace is no longer accessible'}
  if (code === CONTENT_POLICY) return {message: 'Prompt blocked by content policy', hint: 'Change the prompt.'}
  return {message: `API error (code: ${code})`}
}
