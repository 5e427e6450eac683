import {type CliError} from './errors.js'
import {statusWord} from './util/colour.js'
import {type PagerTarget, page} from './util/pager.js'
import {relativeTime} from './util/relative-time.js'
import {PLAIN_SCREEN, type Screen, renderFor} from './util/screen.js'
import {terminalText, terminalValue} from './util/terminal-text.js'

/** Fields for machines and bug reports: in --json always, in text only with --verbose. */
const INTERNAL_FIELDS = new Set(['trace_id', 'idempotency_key', 'client_request_id', 'params', 'status_code'])

/** Where human results are shown: the screen they are rendered for, and a pager when a person reads them. */
export interface Display {
  screen: Screen
  pager?: PagerTarget
}

/**
 * The only module that writes to stdout, and only the command's result. Everything else (warnings,
 * progress, errors) goes to stderr, so in JSON mode stdout holds exactly one document or nothing.
 */
export class Output {
  readonly warnings: string[] = []
  /** --verbose: text output keeps internal fields (trace ids, idempotency keys, request bodies) and exact times. */
  verbose = false

  constructor(
    readonly json: boolean,
    private readonly stdout: {write(chunk: string): boolean} = process.stdout,
    private readonly stderr: {write(chunk: string): boolean} = process.stderr,
    private readonly display: Display = {screen: PLAIN_SCREEN},
  ) {}

  /**
   * The command's result: one pretty JSON document, or the human rendering of it. Text mode renders
   * a copy whose strings are terminal-safe (server names, prompts, URLs), so no renderer can forget.
   */
  result(value: unknown, human?: (value: unknown) => string): void {
    // Renderers see a terminal-safe copy (server names, prompts, URLs), so none can forget; what they
    // add afterwards (colour) is ours and stays.
    // Tables fit, and colour is on, for this output's own screen (the command's context), not the process's.
    const text = this.json
      ? JSON.stringify(value, null, 2)
      : renderFor(this.display.screen, () =>
          human
            ? human(terminalValue(value))
            : renderHuman(this.verbose ? terminalValue(value) : forPeople(terminalValue(value))),
        )
    if (text === '') return
    const ended = text.endsWith('\n') ? text : text + '\n'
    if (!this.json && this.display.pager && page(ended, this.display.pager)) return
    this.stdout.write(ended)
  }

  /**
   * One compact JSON line on stdout, for commands that stream results as JSONL (`batch run` in text
   * mode). Never in JSON mode, where stdout holds exactly one document.
   */
  line(value: unknown): void {
    if (!this.json) this.stdout.write(JSON.stringify(value) + '\n')
  }

  /** Warnings reach stderr in both modes (agents read coercion notes too) and are kept for the result. */
  warn(message: string): void {
    this.warnings.push(message)
    this.stderr.write(`warn ${terminalText(message)}\n`)
  }

  /** Human-only notes (progress, hints): never in JSON mode. */
  info(message: string): void {
    if (!this.json) this.stderr.write(terminalText(message) + '\n')
  }

  /** Lines a caller needs even in JSON mode, such as the device-login URL (stderr only). */
  notice(message: string): void {
    this.stderr.write(terminalText(message) + '\n')
  }

  error(error: CliError): void {
    if (this.json) {
      this.stderr.write(JSON.stringify(error.toJSON()) + '\n')
      return
    }

    const parts: string[] = []
    if (error.code !== undefined && error.code !== error.exitCode) parts.push(`code: ${error.code}`)
    if (error.traceId) parts.push(`trace_id: ${error.traceId}`)
    const suffix = parts.length > 0 ? ` (${parts.join(', ')})` : ''
    // Service messages are passed through (DESIGN §3), so they are made terminal-safe here.
    this.stderr.write(`error ${terminalText(error.message + suffix)}\n`)
    for (const [key, value] of Object.entries(error.details ?? {})) {
      this.stderr.write(`  ${terminalText(`${key}: ${formatValue(value)}`)}\n`)
    }

    if (error.hint) this.stderr.write(`hint  ${terminalText(error.hint)}\n`)
  }
}

/** A readable default for any result object: `key: value` lines, nested objects indented. */
export function renderHuman(value: unknown, indent = ''): string {
  if (value === null || value === undefined) return ''
  if (typeof value !== 'object') return `${indent}${String(value)}`
  if (Array.isArray(value)) {
    return value
      .map((item) =>
        typeof item === 'object' && item !== null
          ? renderHuman(item, indent) + '\n'
          : `${indent}- ${formatValue(item)}`,
      )
      .join('\n')
  }

  const lines: string[] = []
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined && v !== null)
  const width = Math.max(0, ...entries.map(([key]) => key.length))
  for (const [key, item] of entries) {
    if (typeof item === 'object' && item !== null && !isFlatArray(item)) {
      lines.push(`${indent}${key}:`, renderHuman(item, indent + '  '))
    } else {
      lines.push(`${indent}${key.padEnd(width)}  ${formatValue(item)}`)
    }
  }

  return lines.join('\n')
}

/** The text view of a result: no internal fields, relative times, status words in colour. */
export function forPeople(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(forPeople)
  if (typeof value !== 'object' || value === null) return value
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([key]) => !INTERNAL_FIELDS.has(key))
    .map(([key, item]) => {
      if (/(_at|At)$/.test(key) && typeof item === 'string') return [key, relativeTime(item)]
      if (key === 'status' && typeof item === 'string') return [key, statusWord(item)]
      return [key, forPeople(item)]
    })
  return Object.fromEntries(entries)
}

function isFlatArray(value: unknown): boolean {
  return Array.isArray(value) && value.every((item) => typeof item !== 'object' || item === null)
}

function formatValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(String).join(', ')
  if (typeof value === 'object' && value !== null) return JSON.stringify(value)
  return String(value)
}
