import type {Command} from '@oclif/core'

import type {TaskSnapshot} from '../api/tasks.js'
import {authError} from '../errors.js'
import {Output} from '../output.js'
import type {AuthedCommand} from './authed-command.js'

export interface InProcessOptions {
  /** Stops waiting for a creation (the tasks keep running; the error names their ids). */
  signal?: AbortSignal
  /** Called on every poll of a creation's tasks. */
  onUpdate?(snapshot: TaskSnapshot): void
}

export interface InProcessResult {
  /** The object the command would print with --json. */
  result: unknown
  /** The exit code the command would end with (0, or e.g. 5 for a partial creation). */
  exitCode: number
}

/** The parts of a command this runner wires up (protected on the classes, set here from outside). */
interface Wired {
  argv: string[]
  out: Output
  parseArgv(): Promise<void>
  run(): Promise<unknown>
  finally(error: Error | undefined): Promise<unknown>
  endpoint: unknown
  session: unknown
  settings: unknown
  sandboxMode: boolean
  files: unknown
  client?: unknown
  api: unknown
  workspaceOverride?: number
  traceIdOverride?: string
  credential(): unknown
  resultExitCode?: number
  waitHooks?: InProcessOptions
  closeProgress?(): Promise<void>
}

/**
 * Runs another command's `run()` inside `host` (the MCP server): its argv goes through the
 * command's own oclif parser (so a tool accepts exactly what the CLI accepts), and it shares the
 * host's endpoint, credentials, settings and API client, so no second login or sandbox is started.
 * Nothing reaches stdout: the result object is returned; warnings still go to stderr.
 */
export async function runInProcess(
  host: AuthedCommand<typeof Command>,
  CommandClass: Command.Class,
  argv: string[],
  options: InProcessOptions = {},
): Promise<InProcessResult> {
  const from = host as unknown as Wired
  const command = new (isolatedFromStdin(CommandClass))(argv, (host as unknown as {config: Command['config']}).config)
  command.out = new Output(true)
  await command.parseArgv()
  // JSON mode: human-only notes are muted; warnings still reach stderr (never stdout).
  command.out = new Output(true, process.stderr, process.stderr)
  command.endpoint = from.endpoint
  command.session = from.session
  command.settings = from.settings
  command.sandboxMode = from.sandboxMode
  // The host's file rules (an MCP server's folders), never the command line's "anywhere".
  command.files = from.files
  // A per-call workspace or trace id needs its own client (built on first use from the fields above).
  if (command.workspaceOverride === undefined && command.traceIdOverride === undefined) command.client = from.api
  command.waitHooks = options
  const ctor = CommandClass as unknown as {requiresLogin?: boolean}
  if (ctor.requiresLogin && !from.credential()) throw authError('Not logged in')

  try {
    // A partial failure is reported on the command itself (resultExitCode), never through the process.
    const result = await command.run()
    return {result, exitCode: command.resultExitCode ?? 0}
  } finally {
    await command.closeProgress?.()
  }
}

/**
 * oclif reads stdin for a positional argument that was not given; in the MCP server stdin is the
 * protocol (and a read pauses it), so the in-process copy of the command never looks there.
 */
function isolatedFromStdin(CommandClass: Command.Class): new (argv: string[], config: Command['config']) => Wired {
  const Base = CommandClass as unknown as (new (argv: string[], config: Command['config']) => Wired) & {
    args?: Record<string, object>
  }
  const args = Object.fromEntries(
    Object.entries(Base.args ?? {}).map(([name, arg]) => [name, {...arg, ignoreStdin: true}]),
  )
  return class extends Base {
    static args = args
  }
}
