import type {OutputStream} from '../context/streams.js'
import {statusWord} from '../util/colour.js'
import {type Screen, renderFor} from '../util/screen.js'
import {renderTable} from '../util/table.js'

export interface LiveRow {
  row: number
  line: number
  mode: string
  status: string
  ids?: string
  note?: string
}

/**
 * `batch run` for a person at a terminal: one table row per manifest row, redrawn in place on
 * stderr as rows move (at most every 100 ms), with the counters on the last line. Rows that no
 * longer fit the screen give way to the ones still running, so the table never scrolls.
 */
export class LiveTable {
  private readonly rows = new Map<number, LiveRow>()
  private drawn = 0
  private timer?: NodeJS.Timeout
  counters = ''

  constructor(
    rows: Array<Pick<LiveRow, 'row' | 'line' | 'mode'>>,
    private readonly stderr: OutputStream,
    /** Asked on every frame: the terminal may have been resized. */
    private readonly screen: () => Screen,
  ) {
    for (const row of rows) this.rows.set(row.row, {...row, status: 'waiting'})
  }

  update(row: number, change: Partial<LiveRow>): void {
    const current = this.rows.get(row)
    if (current) Object.assign(current, change)
    this.timer ??= setTimeout(() => this.draw(), 100)
  }

  /** The last frame, then the cursor stays below it (the final result table goes to stdout). */
  close(): void {
    clearTimeout(this.timer)
    this.draw()
  }

  /** Every row, for the final table on stdout. */
  all(): LiveRow[] {
    return [...this.rows.values()]
  }

  private draw(): void {
    this.timer = undefined
    const room = Math.max(3, (this.stderr.rows ?? 24) - 3)
    const all = this.all()
    const shown =
      all.length <= room
        ? all
        : [...all.filter((r) => !isFinal(r.status)), ...all.filter((r) => isFinal(r.status))]
            .slice(0, room)
            .sort((a, b) => a.row - b.row)
    const table = renderFor(this.screen(), () => renderTable(tableRows(shown), COLUMNS))
    const frame = `${table}\n${this.counters}${all.length > shown.length ? ` (${all.length - shown.length} more rows not shown)` : ''}\n`
    const up = this.drawn > 0 ? `\u001B[${this.drawn}A\u001B[J` : ''
    this.stderr.write(up + frame)
    this.drawn = frame.split('\n').length - 1
  }
}

export const COLUMNS = ['row', 'line', 'mode', 'status', 'ids', 'note']

export function tableRows(rows: LiveRow[]): Array<Record<string, unknown>> {
  return rows.map((r) => ({...r, status: statusWord(r.status)}))
}

const isFinal = (status: string) => /^(completed|partial|failed|interrupted)$/.test(status)
