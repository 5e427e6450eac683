import {spawnSync} from 'node:child_process'

/** What the pager decision needs: the person's side (stdout and stdin terminals, not CI) and the screen height. */
export interface PagerTarget {
  /** A person reads stdout at a terminal (the context's `canPrompt()`: also not CI, not JSON). */
  person: boolean
  rows?: number
  env: NodeJS.ProcessEnv
}

/**
 * Sends long human output through a pager, the way git and gh do: only when a person reads stdout
 * at a terminal and the text is taller than the screen. `PAGER` picks the program (`PAGER=cat` or
 * an empty value turns it off); the default is `less -FRX` (quits when it fits, keeps colour, leaves
 * the text on screen). Returns false when the caller should print the text itself.
 */
export function page(text: string, target: PagerTarget): boolean {
  if (!target.person) return false
  const rows = target.rows ?? 24
  if (text.split('\n').length < rows) return false
  const pager = target.env.PAGER ?? 'less'
  if (pager.trim() === '' || pager.trim() === 'cat') return false
  // LESS is only filled in when the user has not set it: their own options win.
  const env = {...target.env, LESS: target.env.LESS ?? 'FRX'}
  const run = spawnSync(pager, {input: text, shell: true, stdio: ['pipe', 'inherit', 'inherit'], env})
  // A missing pager (ENOENT, or the shell's 127) falls back to plain printing.
  return !run.error && run.status !== 127
}
