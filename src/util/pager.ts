import {spawnSync} from 'node:child_process'

/**
 * Sends long human output through a pager, the way git and gh do: only when stdout is a terminal,
 * not in CI, and the text is taller than the screen. `PAGER` picks the program (`PAGER=cat` or an
 * empty value turns it off); the default is `less -FRX` (quits when it fits, keeps colour, leaves
 * the text on screen). Returns false when the caller should print the text itself.
 */
export function page(text: string, stdout: NodeJS.WriteStream = process.stdout): boolean {
  if (!stdout.isTTY || process.env.CI || !process.stdin.isTTY) return false
  const rows = stdout.rows ?? 24
  if (text.split('\n').length < rows) return false
  const pager = process.env.PAGER ?? 'less'
  if (pager.trim() === '' || pager.trim() === 'cat') return false
  // LESS is only filled in when the user has not set it: their own options win.
  const env = {...process.env, LESS: process.env.LESS ?? 'FRX'}
  const run = spawnSync(pager, {input: text, shell: true, stdio: ['pipe', 'inherit', 'inherit'], env})
  // A missing pager (ENOENT, or the shell's 127) falls back to plain printing.
  return !run.error && run.status !== 127
}
