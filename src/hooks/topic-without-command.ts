import type {Hook} from '@oclif/core'

/**
 * `pixverse create --json` names a topic, not a command. oclif would print the topic's help on
 * stdout and exit 0; in JSON mode that breaks the contract (stdout: one document or nothing), so
 * the caller gets one JSON error on stderr and exit 6 instead. Text mode keeps the help.
 */
const hook: Hook<'init'> = async function ({argv, config, id}) {
  if (!id || !(argv.includes('--json') || argv.includes('-p')) || config.findCommand(id) || !config.findTopic(id))
    return
  const [{CliError, ExitCode}, {Output}] = await Promise.all([import('../errors.js'), import('../output.js')])
  const topic = id.replaceAll(':', config.topicSeparator)
  const commands = config.commands
    .filter((c) => !c.hidden && c.id.startsWith(`${id}:`))
    .map((c) => c.id.slice(id.length + 1).replaceAll(':', ' '))
  const error = new CliError(
    `\`${config.bin} ${topic}\` is a topic; name one of its commands: ${commands.join(', ')}`,
    {
      exitCode: ExitCode.Validation,
      hint: `See \`${config.bin} ${topic} --help\`.`,
    },
  )
  new Output(true).error(error)
  this.exit(error.exitCode)
}

export default hook
