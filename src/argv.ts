/**
 * Global options may be written before the command (`pixverse --json create video …`, the reference
 * client's form). oclif reads the command id from the first words, so move those options after it.
 * Kept tiny and dependency-free: bin/run.js calls it on every start.
 */
const GLOBAL_BOOLEAN = new Set(['--json', '-p', '--sandbox'])
const GLOBAL_WITH_VALUE = new Set(['--workspace-id', '--trace-id'])

export function hoistGlobalFlags(argv: string[]): string[] {
  const hoisted: string[] = []
  let index = 0
  while (index < argv.length) {
    const word = argv[index]
    const name = word.split('=')[0]
    if (GLOBAL_BOOLEAN.has(word)) {
      hoisted.push(word)
      index += 1
    } else if (GLOBAL_WITH_VALUE.has(name)) {
      const takesNext = !word.includes('=') && index + 1 < argv.length
      hoisted.push(...(takesNext ? [word, argv[index + 1]] : [word]))
      index += takesNext ? 2 : 1
    } else {
      break
    }
  }

  const rest = argv.slice(index).map((word) => (word === '-V' ? '--version' : word))
  if (hoisted.length === 0) return rest
  // `pixverse --json` alone, or followed only by --help/--version: keep the order oclif expects.
  if (rest.length === 0 || rest[0].startsWith('-')) return [...rest, ...hoisted]
  const commandWords = rest.findIndex((word) => word.startsWith('-'))
  const end = commandWords === -1 ? rest.length : commandWords
  return [...rest.slice(0, end), ...hoisted, ...rest.slice(end)]
}
