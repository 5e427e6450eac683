import type {TaskKind, TaskSnapshot} from '../api/tasks.js'
import type {OutputStream} from '../context/streams.js'
import {canAnimate} from '../util/person.js'

/**
 * What a long command reports while it works (upload → submit → queued → generating → download),
 * always on stderr. Three renderings behind one interface: a live listr2 display at a terminal,
 * timestamped lines when stderr is a pipe or a file, and nothing at all in JSON mode.
 */
export interface Progress {
  /** A step with an end (an upload, the submit, a download); a newer step ends the one before. */
  step(title: string): ProgressStep
  /** Tasks being waited for; every poll result goes to `update`. */
  watch(kind: TaskKind, ids: number[]): TaskWatch
  /** Waits until the display has drawn its last frame (call before the result is printed). */
  close(): Promise<void>
}

export interface ProgressStep {
  /** Bytes moved so far, for uploads and downloads (total 0 when unknown). */
  bytes(transferred: number, total: number): void
  done(note?: string): void
  fail(note?: string): void
}

export interface TaskWatch {
  update(snapshot: TaskSnapshot): void
  /** Stops watching (the last state stays on screen). */
  end(): void
}

export type ProgressMode = 'silent' | 'lines' | 'terminal'

/** JSON mode: silent; stderr is a terminal: live display; otherwise plain lines. */
export function progressMode(json: boolean, stderr: {isTTY?: boolean}): ProgressMode {
  if (json) return 'silent'
  return canAnimate({stderr}, {json}) ? 'terminal' : 'lines'
}

/** What the rendering is chosen from: the command's context (src/context/). */
export interface ProgressTarget {
  readonly json: boolean
  readonly streams: {stderr: OutputStream}
}

/** Builds the rendering for this invocation; listr2 is only loaded when a terminal will show it. */
export async function createProgress(target: ProgressTarget): Promise<Progress> {
  const {stderr} = target.streams
  const mode = progressMode(target.json, stderr)
  if (mode === 'silent') return silentProgress
  if (mode === 'lines') {
    const {LineProgress} = await import('./line-progress.js')
    return new LineProgress((line) => stderr.write(line + '\n'))
  }

  const {TerminalProgress} = await import('./terminal-progress.js')
  return new TerminalProgress(stderr)
}

const noStep: ProgressStep = {bytes() {}, done() {}, fail() {}}

export const silentProgress: Progress = {
  step: () => noStep,
  watch: () => ({update() {}, end() {}}),
  close: async () => {},
}
