import {stripVTControlCharacters} from 'node:util'

import {CliError, ExitCode, isCliError} from '../errors.js'

/**
 * Turns anything thrown into a CliError with the documented exit code. oclif's parse errors carry
 * `oclif.exit` (6 through `oclif.exitCodes` in package.json); Ctrl-C aborts become 130.
 */
export function toCliError(error: unknown): CliError {
  if (isCliError(error)) {
    // oclif wraps errors thrown by a flag's parse() in "Parsing --flag … See more help"; undo that.
    error.message = unwrapFlagParse(error.message)
    return error
  }

  const err = error as {message?: string; oclif?: {exit?: number}; name?: string; code?: string}
  const message = firstLine(unwrapFlagParse(err?.message ?? String(error)))
  if (err?.name === 'AbortError' || err?.code === 'ABORT_ERR') {
    return new CliError('Interrupted', {exitCode: ExitCode.Interrupted})
  }

  // Every parser complaint (unknown flag, bad choice, missing argument…) is bad input: exit 6.
  if ((error as {parse?: unknown})?.parse !== undefined) {
    return new CliError(message, {exitCode: ExitCode.Validation, hint: 'See --help for the accepted flags.'})
  }

  // oclif reports a repeated single-value flag with a plain error (exit 1); it is bad input too.
  if (/^Flag --[\w-]+ can only be specified once/.test(message)) {
    return new CliError(message, {exitCode: ExitCode.Validation, hint: 'See --help for the accepted flags.'})
  }

  const oclifExit = err?.oclif?.exit
  if (typeof oclifExit === 'number' && oclifExit !== 0) {
    // Parser errors: exit 6 (validation). oclif's other errors keep their own code.
    return new CliError(message, {
      exitCode: oclifExit,
      hint: oclifExit === ExitCode.Validation ? 'See --help for the accepted flags.' : undefined,
    })
  }

  return new CliError(message || 'Unexpected error', {exitCode: ExitCode.General, cause: error})
}

function unwrapFlagParse(message: string): string {
  const cleaned = message.replace(/\nSee more help with --help$/, '')
  const match = /^Parsing (--[\w-]+)\s*\n\t/.exec(cleaned)
  if (!match) return cleaned
  const rest = cleaned.slice(match[0].length)
  // Keep the flag's name when the parser's own text does not say it ("Expected an integer…").
  return rest.includes(match[1]) ? rest : `Invalid ${match[1]} value: ${rest}`
}

/** oclif decorates parse errors with a help footer; the one-line contract keeps the first line. */
function firstLine(text: string): string {
  const line = text.split('\n').find((part) => part.trim() !== '') ?? text
  return stripVTControlCharacters(line).trim()
}
