import type {Command, Config} from '@oclif/core'

import type {CommandContext, WaitHooks} from '../context/command-context.js'
import type {InProcessResult} from './base-command.js'

export type {InProcessResult} from './base-command.js'
/** Stops waiting for a creation (the tasks keep running; the error names their ids), and sees every poll. */
export type InProcessOptions = WaitHooks

/** A command class as `BaseCommand` declares it: the third argument is the context it runs with. */
type ContextualCommand = new (
  argv: string[],
  config: Config,
  context: CommandContext,
) => {runForResult?(): Promise<InProcessResult>}

/**
 * Runs another command's `run()` inside a host (the MCP server) with the context the host built
 * (`hostContext.inProcess(...)`: its endpoint, credentials, settings, file rules and API client, so
 * no second login or sandbox is started). The argv goes through the command's own oclif parser (a
 * tool accepts exactly what the CLI accepts). Nothing reaches stdout: the result object is returned;
 * warnings still go to stderr.
 */
export async function runInProcess(
  CommandClass: Command.Class,
  argv: string[],
  config: Config,
  context: CommandContext,
): Promise<InProcessResult> {
  const command = new (isolatedFromStdin(CommandClass))(argv, config, context)
  if (!command.runForResult) throw new Error(`${CommandClass.id} is not a pixverse command`)
  return command.runForResult()
}

/**
 * oclif reads stdin for a positional argument that was not given; in the MCP server stdin is the
 * protocol (and a read pauses it), so the in-process copy of the command never looks there.
 */
function isolatedFromStdin(CommandClass: Command.Class): ContextualCommand {
  const Base = CommandClass as unknown as ContextualCommand & {args?: Record<string, object>}
  const args = Object.fromEntries(
    Object.entries(Base.args ?? {}).map(([name, arg]) => [name, {...arg, ignoreStdin: true}]),
  )
  return class extends Base {
    static args = args
  }
}
