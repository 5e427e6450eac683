/** One argument as a POSIX shell reads it back unchanged (for command lines the CLI prints to rerun). */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`
}
