/**
 * ANSI colour for human text, and only when it helps: `NO_COLOR` (any value) turns it off,
 * `FORCE_COLOR` (not "0") turns it on, otherwise only a terminal gets it (https://no-color.org).
 * A pipe or a file never receives an escape sequence.
 */
export function colourOn(stream: {isTTY?: boolean} = process.stdout): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false
  const force = process.env.FORCE_COLOR
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false'
  return Boolean(stream.isTTY) && process.env.TERM !== 'dumb'
}

const paint =
  (open: number, close: number) =>
  (text: string, on = colourOn()) =>
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
export function statusWord(status: string, on = colourOn()): string {
  if (/^(completed|success|done|ok)$/i.test(status)) return green(status, on)
  if (/fail|reject|moderat|sensitive|error|cancel/i.test(status)) return red(status, on)
  return yellow(status, on)
}
