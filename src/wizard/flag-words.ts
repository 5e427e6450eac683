/** `--prompt text`, or `--prompt=-text` when the value itself starts with a dash (never read as a flag). */
export function flagPair(flag: string, value: string): string[] {
  return value.startsWith('-') ? [`--${flag}=${value}`] : [`--${flag}`, value]
}

/** One argv word as a POSIX shell needs it, for the "equivalent" command line a person can copy. */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`
}
