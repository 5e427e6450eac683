/**
 * Server-supplied text made safe for a terminal: a name, an error message or a URL from the service
 * must not clear the screen, move the cursor, reorder what is shown (bidi overrides) or start a
 * fake line of its own. JSON mode escapes by itself; this is for text written as it is.
 */

// Line and column breaks become one space, so a value can never begin a line of its own.
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g
// C0 (but \t and \n, handled above or kept in layouts), DEL, C1, and the bidi marks and overrides.
const UNSAFE = /(?![\t\n])[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu

/** One value for one line: control characters and bidi overrides removed, breaks collapsed. */
export function terminalText(value: string): string {
  return value.replace(BREAKS, ' ').replace(UNSAFE, '')
}

/** The same for multi-line text we laid out ourselves: keeps its newlines and tabs, strips the rest. */
export function terminalBlock(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(UNSAFE, '')
}

/** Every string inside a result (keys too), for the human renderers that print it. */
export function terminalValue<T>(value: T): T {
  if (typeof value === 'string') return terminalText(value) as T
  if (Array.isArray(value)) return value.map((item) => terminalValue(item)) as T
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [terminalText(key), terminalValue(item)])) as T
  }

  return value
}
