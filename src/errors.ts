/**
 * The one error type of the CLI. Every failure that reaches the user is a CliError (or is turned
 * into one by `toCliError`), so one place decides the exit code, the JSON error object and the hint.
 *
 * Errors are recognised by shape (`isCliError`), never by `instanceof`: a plugin may carry its own
 * copy of this module.
 */

export const ExitCode = {
  Success: 0,
  General: 1,
  Timeout: 2,
  Auth: 3,
  Credits: 4,
  GenerationFailed: 5,
  Validation: 6,
  ConcurrencyLimit: 7,
  /** SIGINT / Ctrl-C, as shells report it. */
  Interrupted: 130,
  /** SIGTERM (`timeout(1)`, CI cancellation, `docker stop`), as shells report it. */
  Terminated: 143,
} as const

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode]

export interface CliErrorOptions {
  exitCode: number
  /** The service's own ErrCode, or a local code such as 10056. */
  code?: number | string
  traceId?: string
  hint?: string
  /** Extra fields merged into the JSON error object (e.g. the ids a timed-out wait can resume). */
  details?: Record<string, unknown>
  cause?: unknown
}

export class CliError extends Error {
  readonly exitCode: number
  readonly code?: number | string
  traceId?: string
  readonly hint?: string
  readonly details?: Record<string, unknown>
  readonly isCliError = true

  constructor(message: string, options: CliErrorOptions) {
    super(message, options.cause === undefined ? undefined : {cause: options.cause})
    this.name = 'CliError'
    this.exitCode = options.exitCode
    this.code = options.code
    this.traceId = options.traceId
    this.hint = options.hint
    this.details = options.details
  }

  /** The error object printed on stderr in JSON mode (docs/cli.md §9). */
  toJSON(): Record<string, unknown> {
    return {
      error: this.message,
      code: this.code ?? this.exitCode,
      exit_code: this.exitCode,
      ...(this.traceId ? {trace_id: this.traceId} : {}),
      ...(this.hint ? {hint: this.hint} : {}),
      ...this.details,
    }
  }
}

export function isCliError(error: unknown): error is CliError {
  return typeof error === 'object' && error !== null && (error as {isCliError?: unknown}).isCliError === true
}

/** Bad input caught before any request is sent: exit 6. */
export function validationError(message: string, hint?: string): CliError {
  return new CliError(message, {exitCode: ExitCode.Validation, hint})
}

export function authError(message = 'Not logged in', code?: number, traceId?: string): CliError {
  return new CliError(message, {
    exitCode: ExitCode.Auth,
    code,
    traceId,
    hint: 'Run `pixverse auth login` (or set PIXVERSE_TOKEN / PIXVERSE_ACCESS_KEY).',
  })
}

export function timeoutError(message: string, details: Record<string, unknown>): CliError {
  return new CliError(message, {
    exitCode: ExitCode.Timeout,
    details,
    hint: 'Resume with `pixverse task wait <id>`, or raise --timeout.',
  })
}

export function generationError(
  message: string,
  details?: Record<string, unknown>,
  code?: number,
  hint?: string,
): CliError {
  return new CliError(message, {exitCode: ExitCode.GenerationFailed, code, details, hint})
}
