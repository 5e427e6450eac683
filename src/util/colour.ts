import {currentScreen} from './screen.js'

/**
 * ANSI colour for human text, and only when it helps: `NO_COLOR` (any value) turns it off,
 * `FORCE_COLOR` (not "0") turns it on, otherwise only a terminal gets it (https://no-color.org).
 * A pipe or a file never receives an escape sequence. The stream and environment are the
 * command's (its context), never the process's.
 */
export function colourOn(stream: {isTTY?: boolean}, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  const force = env.FORCE_COLOR
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false'
  return Boolean(stream.isTTY) && env.TERM !== 'dumb'
}

/** By default, the screen being rendered for (`renderFor`) decides. */
const paint =
  (open: number, close: number) =>
  (text: string, on = currentScreen().colour) =>
    on ? `\u001B[${open}m${text}\u001B[${close}m` : text

export const bold = paint(1, 22)
export const dim = paint(2, 22)
export const red = paint(31, 39)
export const green = paint(32, 39)
export const yellow = paint(33, 39)
export const cyan = paint(36, 39)

/** Escape sequences take no room on screen: widths are measured without them. */
export function visibleLength(text: string): number {
  // eslint-disable-next-line no-control-regex
  return [...text.replace(/\u001B\[[0-9;]*m/g, '')].length
}

/** A task status word coloured by what it means: done, failed, or still going. */
export function statusWord(status: string, on = currentScreen().colour): string {
  if (/^(completed|success|done|ok)$/i.test(status)) return green(status, on)
  if (/fail|reject|moderat|sensitive|error|cancel/i.test(status)) return red(status, on)
  return yellow(status, on)
}
