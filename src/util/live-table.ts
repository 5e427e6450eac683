import type {OutputStream} from '../context/streams.js'
import {formatElapsed} from '../progress/format.js'
import {type Screen, renderFor} from './screen.js'
import {renderTable} from './table.js'
import {terminalText} from './terminal-text.js'

/** A row of the table: its cells by column name; `status` drives the elapsed time and which rows give way. */
export type LiveRow = Record<string, unknown> & {status: string}

const byNumber = new Intl.Collator('en', {numeric: true})
const FINAL = /^(completed|partial|failed|blocked|interrupted)$/

/**
 * The live table of `batch run` and `pipeline run` for a person at a terminal: one row per batch
 * row, pipeline step or for_each element, redrawn in place on stderr as they move (at most every
 * 100 ms; every second while an `elapsed` column ticks), fitted to the terminal's width, the
 * counters on the last line. Rows that no longer fit the screen give way to the ones still running,
 * so the table never scrolls.
 */
export class LiveTable {
  private readonly rows = new Map<string, LiveRow>()
  private readonly order: string[] = []
  private readonly started = new Map<string, number>()
  private readonly ended = new Map<string, number>()
  private drawn = 0
  private timer?: NodeJS.Timeout
  private ticker?: NodeJS.Timeout
  private closed = false
  counters = ''

  constructor(
    private readonly columns: string[],
    rows: Array<[key: string, row: LiveRow]>,
    private readonly stderr: OutputStream,
    /** Asked on every frame: the terminal may have been resized. */
    private readonly screen: () => Screen,
  ) {
    for (const [key, row] of rows) this.add(key, row)
    if (columns.includes('elapsed')) {
      this.ticker = setInterval(() => this.schedule(), 1000)
      this.ticker.unref()
    }
  }

  /** Changes a row; a row not seen yet is added after `after` (a step's for_each elements under it). */
  update(key: string, change: Partial<LiveRow>, after?: string): void {
    const current = this.rows.get(key) ?? this.add(key, {status: 'waiting'}, after)
    for (const [column, value] of Object.entries(change))
      current[column] = typeof value === 'string' ? terminalText(value) : value
    if (current.status === 'running' && !this.started.has(key)) this.started.set(key, Date.now())
    if (FINAL.test(current.status) && !this.ended.has(key)) this.ended.set(key, Date.now())
    this.schedule()
  }

  /** The last frame, then the cursor stays below it (a final result may follow on stdout). */
  close(): void {
    if (this.closed) return
    this.closed = true
    clearTimeout(this.timer)
    clearInterval(this.ticker)
    this.draw()
  }

  /** Every row as shown (elapsed filled in), for a final table on stdout. */
  all(): LiveRow[] {
    return this.order.map((key) => this.cells(key))
  }

  private add(key: string, row: LiveRow, after?: string): LiveRow {
    const copy = {...row}
    this.rows.set(key, copy)
    // Under `after`, among the rows already there in the order of their keys (`shots[2]` before `shots[10]`).
    const anchor = after === undefined ? -1 : this.order.indexOf(after)
    let at = anchor < 0 ? this.order.length : anchor + 1
    const below = (other: string) => other.startsWith(`${after}[`) && byNumber.compare(other, key) < 0
    while (anchor >= 0 && at < this.order.length && below(this.order[at])) at++
    this.order.splice(at, 0, key)
    return copy
  }

  private cells(key: string): LiveRow {
    const row = this.rows.get(key) as LiveRow
    const start = this.started.get(key)
    if (!this.columns.includes('elapsed') || start === undefined) return {...row}
    return {...row, elapsed: formatElapsed((this.ended.get(key) ?? Date.now()) - start)}
  }

  private schedule(): void {
    if (!this.closed) this.timer ??= setTimeout(() => this.draw(), 100)
  }

  private draw(): void {
    this.timer = undefined
    const room = Math.max(3, (this.stderr.rows ?? 24) - 3)
    const all = this.order.map((key) => [key, this.cells(key)] as const)
    const position = new Map(this.order.map((key, i) => [key, i]))
    const shown =
      all.length <= room
        ? all
        : [...all.filter(([, r]) => !FINAL.test(r.status)), ...all.filter(([, r]) => FINAL.test(r.status))]
            .slice(0, room)
            .sort(([a], [b]) => (position.get(a) as number) - (position.get(b) as number))
    // Plain status words: a table cell cannot carry colour codes (renderTable strips control characters).
    const table = renderFor(this.screen(), () =>
      renderTable(
        shown.map(([, r]) => r),
        this.columns,
      ),
    )
    const hidden = all.length > shown.length ? ` (${all.length - shown.length} more rows not shown)` : ''
    const frame = `${table}\n${this.counters}${hidden}\n`
    const up = this.drawn > 0 ? `\u001B[${this.drawn}A\u001B[J` : ''
    this.stderr.write(up + frame)
    this.drawn = frame.split('\n').length - 1
  }
}
