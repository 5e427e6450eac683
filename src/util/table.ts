import {bold} from './colour.js'
import {relativeTime} from './relative-time.js'
import {currentScreen} from './screen.js'

export interface TableOptions {
  /** Screen columns to fit; default: the screen being rendered for (`renderFor`): a terminal's width, no limit for a pipe. */
  width?: number
  /** Print times as they came instead of "3 min ago" (nothing uses it yet but tests). */
  now?: number
}

/**
 * Columns for human output of lists. In a terminal the table fits the screen: the widest columns
 * give way first and a cut cell ends in `…`, so a row never wraps. Columns named `…_at` / `…At`
 * show relative times. Piped output keeps every character and never gets colour.
 */
export function renderTable(
  rows: Array<Record<string, unknown>>,
  columns: string[],
  options: TableOptions = {},
): string {
  if (rows.length === 0) return ''
  const isTime = columns.map((column) => /(_at|At)$/.test(column))
  const cell = (value: unknown, i: number) => {
    if (isTime[i]) return relativeTime(value, options.now)
    return value === null || value === undefined
      ? '-'
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value)
  }

  const cells = rows.map((row) => columns.map((column, i) => terminalSafe(cell(row[column], i)).replace(/\s+/g, ' ')))
  const headers = columns.map((c) => c.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase())
  const widths = fitWidths(
    columns.map((_, i) => Math.max(length(headers[i]), ...cells.map((line) => length(line[i])))),
    headers.map((header) => Math.min(length(header), 6)),
    options.width ?? currentScreen().columns,
  )
  const line = (values: string[]) =>
    values
      .map((value, i) => (i === values.length - 1 ? cut(value, widths[i]) : cut(value, widths[i]).padEnd(widths[i])))
      .join('  ')
  return [bold(line(headers)), ...cells.map(line)].join('\n')
}

/** Shrinks the widest column, one character at a time, until the row fits (or nothing can give). */
function fitWidths(natural: number[], minimum: number[], screen: number | undefined): number[] {
  const widths = [...natural]
  if (!screen || screen <= 0) return widths
  const total = () => widths.reduce((sum, width) => sum + width, 0) + 2 * (widths.length - 1)
  while (total() > screen) {
    let widest = -1
    for (let i = 0; i < widths.length; i++)
      if (widths[i] > minimum[i] && (widest < 0 || widths[i] > widths[widest])) widest = i
    if (widest < 0) break
    widths[widest]--
  }

  return widths
}

const length = (text: string) => [...text].length

function cut(text: string, width: number): string {
  const chars = [...text]
  return chars.length <= width ? text : chars.slice(0, Math.max(0, width - 1)).join('') + '…'
}

/**
 * SECURITY CALL SITE: cells often hold server strings (prompts, names), so control characters are
 * removed before they reach a terminal. When the security branch's sanitiser lands, call it here
 * instead of this stand-in (one definition of it for all text output).
 */
function terminalSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, '')
}

/** A list followed by a one-line paging footer, e.g. "page 1 · 20 of 36 · more: --page 2". */
export function pagedText(
  table: string,
  paging: {page: number; shown: number; total?: number; hasMore?: boolean},
): string {
  const more = paging.hasMore ?? (paging.total !== undefined && paging.page * Math.max(paging.shown, 1) < paging.total)
  const parts = [
    `page ${paging.page}`,
    paging.total === undefined ? `${paging.shown} shown` : `${paging.shown} of ${paging.total}`,
  ]
  if (more) parts.push(`next: --page ${paging.page + 1}`)
  return `${table || '(none)'}\n${parts.join(' · ')}`
}
