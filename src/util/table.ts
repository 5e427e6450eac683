/** Plain-text columns for human output of lists (no colours: output may be piped). */
export function renderTable(rows: Array<Record<string, unknown>>, columns: string[]): string {
  if (rows.length === 0) return ''
  const cell = (value: unknown) => (value === null || value === undefined ? '-' : typeof value === 'object' ? JSON.stringify(value) : String(value))
  const cells = rows.map((row) => columns.map((column) => cell(row[column]).replace(/\s+/g, ' ')))
  const widths = columns.map((column, i) => Math.max(column.length, ...cells.map((line) => line[i].length)))
  const line = (values: string[]) => values.map((value, i) => (i === values.length - 1 ? value : value.padEnd(widths[i]))).join('  ')
  return [line(columns.map((c) => c.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase())), ...cells.map(line)].join('\n')
}

/** A list followed by a one-line paging footer, e.g. "page 1 · 20 of 36 · more: --page 2". */
export function pagedText(table: string, paging: {page: number; shown: number; total?: number; hasMore?: boolean}): string {
  const more = paging.hasMore ?? (paging.total !== undefined && paging.page * Math.max(paging.shown, 1) < paging.total)
  const parts = [`page ${paging.page}`, paging.total === undefined ? `${paging.shown} shown` : `${paging.shown} of ${paging.total}`]
  if (more) parts.push(`next: --page ${paging.page + 1}`)
  return `${table || '(none)'}\n${parts.join(' · ')}`
}
