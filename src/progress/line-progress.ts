import type {TaskKind, TaskSnapshot} from '../api/tasks.js'
import {formatBytes, formatElapsed, taskPhase} from './format.js'
import type {Progress, ProgressStep, TaskWatch} from './progress.js'
import {terminalText} from '../util/terminal-text.js'

/**
 * Progress for a pipe or a log file: one timestamped line per change, never a control character
 * (titles carry server text: a file name the service chose, see CONTRIBUTING "Output rules").
 * Byte counts are reported at each quarter so a log shows a slow upload without flooding.
 */
export class LineProgress implements Progress {
  constructor(
    private readonly write: (line: string) => void,
    private readonly now = () => Date.now(),
  ) {}

  step(title: string): ProgressStep {
    const started = this.now()
    let quarter = 0
    let bytes = 0
    let finished = false
    this.line(`${title}…`)
    return {
      bytes: (transferred, total) => {
        bytes = transferred
        if (!total) return
        const q = Math.floor((transferred / total) * 4)
        if (q > quarter && q < 4) {
          quarter = q
          this.line(`${title}: ${q * 25}% (${formatBytes(transferred)} of ${formatBytes(total)})`)
        }
      },
      done: (note) => {
        if (finished) return
        finished = true
        this.line(
          `${title}: done${bytes ? ` (${formatBytes(bytes)})` : ''}${note ? `, ${note}` : ''} in ${formatElapsed(this.now() - started)}`,
        )
      },
      fail: (note) => {
        if (finished) return
        finished = true
        this.line(`${title}: failed${note ? ` (${note})` : ''}`)
      },
    }
  }

  watch(kind: TaskKind, ids: number[]): TaskWatch {
    const started = this.now()
    const last = new Map<number, number>()
    void ids
    return {
      update: (snapshot: TaskSnapshot) => {
        if (last.get(snapshot.id) === snapshot.statusCode) return
        last.set(snapshot.id, snapshot.statusCode)
        this.line(`${kind} ${snapshot.id}: ${taskPhase(snapshot, this.now())} [${formatElapsed(this.now() - started)}]`)
      },
      end() {},
    }
  }

  async close(): Promise<void> {}

  private line(text: string): void {
    this.write(`${new Date(this.now()).toISOString()} ${terminalText(text)}`)
  }
}
