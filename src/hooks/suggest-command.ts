import type {Command, Hook} from '@oclif/core'

type Config = Parameters<Hook<'command_not_found'>>[0]['config']

/**
 * An unknown command, like gh: one error line with "Did you mean …?" (never a prompt, never runs
 * the guess — it could start a paid wizard) and exit 6, the code for input that sent nothing. With
 * --json/-p the error is one JSON object on stderr and stdout stays empty. When the first words are
 * a real command, the rest is text that belongs in a flag (`create video "a cat"` → `--prompt`).
 */
const hook: Hook<'command_not_found'> = async function ({argv, config, id}) {
  const [{CliError, ExitCode}, {Output}] = await Promise.all([import('../errors.js'), import('../output.js')])
  const json = (argv ?? []).includes('--json') || (argv ?? []).includes('-p')
  const words = id.split(':')
  const shown = (commandId: string) => `${config.bin} ${commandId.replaceAll(':', config.topicSeparator)}`
  let error
  const known = longestCommand(config, words)
  if (known) {
    const extra = words.slice(known.id.split(':').length).join(' ')
    const flag = ['prompt', 'text', 'lyrics'].find((name) => known.flags?.[name] !== undefined)
    error = new CliError(`\`${shown(known.id)}\` takes no argument "${extra}"`, {
      exitCode: ExitCode.Validation,
      hint: flag
        ? `Pass it with a flag: ${shown(known.id)} --${flag} ${quote(extra)}`
        : `See \`${shown(known.id)} --help\` for its flags.`,
    })
  } else {
    const guess = closest(config, words)
    error = new CliError(`Unknown command: ${config.bin} ${words.join(' ')}`, {
      exitCode: ExitCode.Validation,
      hint: `${guess ? `Did you mean \`${shown(guess)}\`? ` : ''}Run \`${config.bin} --help\` for every command.`,
    })
  }

  new Output(json).error(error)
  process.exitCode = error.exitCode
}

/** The command named by the first words of the id (`create video` in `create:video:a cat`). */
function longestCommand(config: Config, words: string[]): Command.Loadable | undefined {
  for (let n = words.length - 1; n > 0; n--) {
    const command = config.findCommand(words.slice(0, n).join(':'))
    if (command && !command.hidden) return command
  }

  return undefined
}

/**
 * The nearest visible command, only when it is a plausible typo: at most one edit per four
 * characters (`crate video`, `task wiat`), so `stats summary` suggests nothing rather than `create image`.
 */
function closest(config: Config, words: string[]): string | undefined {
  let best: string | undefined
  let bestDistance = Number.POSITIVE_INFINITY
  for (const command of config.commands) {
    if (command.hidden) continue
    for (const candidate of [command.id, ...(command.aliases ?? [])]) {
      // Extra words are usually arguments (`task wiat 123`): compare as many words as the candidate has.
      const typed = words.slice(0, candidate.split(':').length).join(':')
      const distance = editDistance(typed, candidate)
      if (distance <= Math.max(1, Math.floor(candidate.length / 4)) && distance < bestDistance)
        [best, bestDistance] = [candidate, distance]
    }
  }

  return best
}

/** Levenshtein distance where swapping two neighbours counts as one edit (`wiat` → `wait`). */
function editDistance(a: string, b: string): number {
  const d = Array.from({length: a.length + 1}, (_, i) =>
    Array.from({length: b.length + 1}, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  )
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1)
    }
  }

  return d[a.length][b.length]
}

const quote = (text: string) => (/^[\w@%+=:,./-]+$/.test(text) ? text : `"${text.replaceAll(/["\\$`]/g, '\\$&')}"`)

export default hook
