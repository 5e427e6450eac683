/** `--prompt text`, or `--prompt=-text` when the value itself starts with a dash (never read as a flag). */
export function flagPair(flag: string, value: string): string[] {
  return value.startsWith('-') ? [`--${flag}=${value}`] : [`--${flag}`, value]
}
