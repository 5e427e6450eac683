import type {TaskKind, TaskSnapshot} from '../api/tasks.js'
import type {OutputStream} from '../context/streams.js'
import {byteBar, formatBytes, formatElapsed, taskPhase} from './format.js'
import type {Progress, ProgressStep, TaskWatch} from './progress.js'

/** `stopped`: we stopped watching a task that is still running (Ctrl-C, --timeout). */
type Phase = 'running' | 'done' | 'failed' | 'stopped'

/** One line of the display: its title and output are read by the renderer on every tick. */
interface Line {
  phase: Phase
  title(): string
  output(): string | undefined
}

/**
 * The live display at a terminal: listr2's spinner list drawn on stderr (never stdout), one list per
 * phase so finished phases stay on screen above the running one. State changes are plain field
 * writes; each listr task polls its line ten times a second, so callers never wait on the screen.
 */
export class TerminalProgress implements Progress {
  private chain: Promise<void> = Promise.resolve()
  private current?: {end(): void}

  /** `stderr`: the command's (its context's), a terminal. */
  constructor(private readonly stderr: OutputStream) {}

  step(title: string): ProgressStep {
    this.current?.end()
    const started = Date.now()
    let transferred = 0
    let total = 0
    let note: string | undefined
    let finishedAt: number | undefined
    const line: Line = {
      phase: 'running',
      title: () => {
        const elapsed = formatElapsed((finishedAt ?? Date.now()) - started)
        if (line.phase === 'running') return `${title} ${elapsed}`
        const size = transferred ? ` ${formatBytes(transferred)}` : ''
        return `${title}${size}${note ? ` — ${note}` : ''} (${elapsed})`
      },
      output: () => (line.phase === 'running' && (transferred || total) ? byteBar(transferred, total) : undefined),
    }
    const finish = (phase: Phase, text?: string) => {
      if (line.phase !== 'running') return
      note = text
      finishedAt = Date.now()
      line.phase = phase
    }

    this.current = {end: () => finish('done')}
    this.show([line])
    return {
      bytes(n, of) {
        transferred = n
        total = of
      },
      done: (text) => finish('done', text),
      fail: (text) => finish('failed', text),
    }
  }

  watch(kind: TaskKind, ids: number[]): TaskWatch {
    this.current?.end()
    const started = Date.now()
    const lines = new Map<number, Line & {snapshot?: TaskSnapshot; endedAt?: number}>()
    for (const id of ids) {
      const line: Line & {snapshot?: TaskSnapshot; endedAt?: number} = {
        phase: 'running',
        title: () => {
          const phase = line.snapshot ? taskPhase(line.snapshot) : 'Submitted'
          const elapsed = formatElapsed((line.endedAt ?? Date.now()) - started)
          if (line.phase === 'stopped') return `${kind} ${id}: stopped waiting (last seen: ${phase}) ${elapsed}`
          return `${kind} ${id}: ${phase} ${elapsed}`
        },
        output: () => undefined,
      }
      lines.set(id, line)
    }

    const end = () => {
      for (const line of lines.values()) {
        if (line.phase !== 'running') continue
        line.endedAt = Date.now()
        line.phase = line.snapshot?.state === 'failed' ? 'failed' : line.snapshot?.state === 'done' ? 'done' : 'stopped'
      }
    }

    this.current = {end}
    this.show([...lines.values()])
    return {
      update(snapshot) {
        const line = lines.get(snapshot.id)
        if (!line || line.phase !== 'running') return
        line.snapshot = snapshot
        if (snapshot.state === 'pending') return
        line.endedAt = Date.now()
        line.phase = snapshot.state === 'failed' ? 'failed' : 'done'
      },
      end,
    }
  }

  async close(): Promise<void> {
    this.current?.end()
    await this.chain
  }

  /** Queues one listr2 list after the ones before it (two renderers must never share the screen). */
  private show(lines: Line[]): void {
    this.chain = this.chain.then(() => render(lines, this.stderr)).catch(() => {})
  }
}

async function render(lines: Line[], stderr: OutputStream): Promise<void> {
  const {DefaultRenderer, Listr, ListrLogger, ProcessOutput} = await import('listr2')
  // listr2 picks its fallback renderer when *stdout* is not a terminal; we draw on stderr, so the
  // renderer declares itself fit for that (stdout may be a pipe holding the result).
  class StderrRenderer extends DefaultRenderer {
    static nonTTY = true
  }

  const list = new Listr(
    lines.map((line) => ({
      title: line.title(),
      task: (_: unknown, task: {title: string; output: string; skip(message?: string): void}) =>
        new Promise<void>((resolve, reject) => {
          const tick = () => {
            task.title = line.title()
            const output = line.output()
            if (output) task.output = output
            if (line.phase === 'running') return
            clearInterval(timer)
            if (line.phase === 'done') resolve()
            else if (line.phase === 'stopped') {
              task.skip(line.title())
              resolve()
            } else reject(new Error(line.title()))
          }

          const timer = setInterval(tick, 100)
          tick()
        }),
    })),
    {
      concurrent: true,
      exitOnError: false,
      registerSignalListeners: false,
      renderer: StderrRenderer as never,
      // The renderer draws through its logger's process output: both of its streams are stderr.
      rendererOptions: {
        logger: new ListrLogger({
          useIcons: true,
          toStderr: [],
          processOutput: new ProcessOutput(stderr as NodeJS.WriteStream, stderr as NodeJS.WriteStream),
        }),
        showErrorMessage: true,
      } as never,
    },
  )
  await list.run().catch(() => {})
}
