import {Command} from '@oclif/core/command'
import * as Flags from '@oclif/core/flags'
import type {Config, Interfaces} from '@oclif/core'

import {CommandContext} from '../context/command-context.js'
import {ExitCode, validationError} from '../errors.js'
import type {Output} from '../output.js'
import {toCliError} from '../util/to-cli-error.js'

export type BaseFlags<T extends typeof Command> = Interfaces.InferredFlags<
  (typeof BaseCommand)['baseFlags'] & T['flags']
>
export type BaseArgs<T extends typeof Command> = Interfaces.InferredArgs<T['args']>

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i

/** What a command run for an in-process caller yields instead of printing. */
export interface InProcessResult {
  /** The object the command would print with --json. */
  result: unknown
  /** The exit code the command would end with (0, or e.g. 5 for a partial creation). */
  exitCode: number
}

/**
 * Owns output and errors for every command: `run()` returns a result object, this class prints it
 * (one JSON document on stdout with --json/-p, or text), and one catch maps any error to its exit
 * code, identical with and without --json. oclif's own JSON path is not used: it loses exit codes.
 *
 * Everything from outside (streams, environment, person checks, stores, service) comes from
 * `this.ctx` (src/context/): the process's by default, or the one a host hands to the constructor.
 */
export abstract class BaseCommand<T extends typeof Command> extends Command {
  static baseFlags = {
    json: Flags.boolean({
      char: 'p',
      description: 'Print the result as one JSON document on stdout; everything else goes to stderr.',
      helpGroup: 'GLOBAL',
    }),
    'trace-id': Flags.string({
      description: 'UUIDv4 sent as Ai-Trace-Id on every request of this invocation.',
      helpGroup: 'GLOBAL',
    }),
    verbose: Flags.boolean({
      description: 'Text output also shows trace ids, idempotency keys, request parameters and exact times.',
      helpGroup: 'GLOBAL',
    }),
    'workspace-id': Flags.string({
      description: 'Workspace for this invocation only (0 = personal). Not saved.',
      helpGroup: 'GLOBAL',
    }),
  }

  /** Streams, person checks, JSON mode, stores, service and client of this invocation. */
  readonly ctx: CommandContext
  protected flags!: BaseFlags<T>
  protected args!: BaseArgs<T>
  protected out!: Output
  /** Every positional argument, for commands that take a variable number (strict = false). */
  protected positionals: string[] = []

  /** Fixed trace id from --trace-id, already validated. */
  protected traceIdOverride?: string
  /** Workspace from --workspace-id, already validated. */
  protected workspaceOverride?: number

  /** `context`: a host's (the MCP server, a test); otherwise the one `runWithContext` set, or the process's. */
  constructor(argv: string[], config: Config, context?: CommandContext) {
    super(argv, config)
    this.ctx = context ?? CommandContext.current()
  }

  public async init(): Promise<void> {
    // Decided from argv before parsing, so that a parse error is reported as JSON too.
    this.ctx.setJson(this.jsonInArgv())
    this.out = this.ctx.output()
    await this.parseArgv()
  }

  /**
   * Runs the command for a caller in this process (the MCP server): the argv goes through the
   * command's own parser, the result object is returned with its exit code, nothing is printed,
   * and an error is thrown as it is (the caller reports it).
   */
  async runForResult(): Promise<InProcessResult> {
    let failure: Error | undefined
    try {
      await this.parseArgv()
      await this.checkBeforeRun()
      const result = await this.run()
      // A partial failure is reported on the command itself (resultExitCode), never through the process.
      return {result, exitCode: this.resultExitCode ?? 0}
    } catch (error) {
      failure = error as Error
      throw error
    } finally {
      await this.finally(failure)
    }
  }

  /** What `runForResult` checks before `run()` (the host's context replaces `init()`). */
  protected async checkBeforeRun(): Promise<void> {}

  private jsonInArgv(): boolean {
    return this.argv.includes('--json') || this.argv.includes('-p')
  }

  /** Parses `this.argv` into flags and args (again after a wizard filled the argv in). */
  protected async parseArgv(): Promise<void> {
    const {args, argv, flags} = await this.parse({
      args: this.ctor.args,
      baseFlags: (this.ctor as typeof BaseCommand).baseFlags,
      enableJsonFlag: false,
      flags: this.ctor.flags,
      strict: this.ctor.strict,
    })
    this.flags = flags as BaseFlags<T>
    this.args = args as BaseArgs<T>
    this.positionals = argv as string[]
    this.ctx.setJson(Boolean(this.flags.json))
    this.out = this.ctx.output()
    this.out.verbose = Boolean(this.flags.verbose)
    this.checkGlobalFlags()
  }

  /**
   * Exit code of a run that still has a result to print (a partial failure, a batch status map).
   * Commands set this, never `process.exitCode`, so the same command can run in-process (the MCP
   * server) without two calls seeing each other's code.
   */
  resultExitCode?: number

  /** Human rendering of the result; the default lists its fields. */
  protected renderHuman?(result: unknown): string

  protected async _run<R>(): Promise<R> {
    let result: unknown
    let failure: unknown
    try {
      await this.init()
      result = await this.run()
      if (result !== undefined) this.out.result(result, this.renderHuman?.bind(this))
      if (this.resultExitCode) process.exitCode = this.resultExitCode
    } catch (error) {
      failure = error
      this.report(error)
    } finally {
      await this.finally(failure as Error | undefined)
    }

    return result as R
  }

  /** Every failure ends here: one line (or one JSON object) on stderr and the documented exit code. */
  protected report(error: unknown): void {
    const cliError = toCliError(error)
    if (!this.out) {
      this.ctx.setJson(this.jsonInArgv())
      this.out = this.ctx.output()
    }

    this.out.error(cliError)
    process.exitCode = cliError.exitCode
  }

  private checkGlobalFlags(): void {
    // `--image "$UNSET"` would silently drop the input (a paid text-to-video), `--idempotency-key ""`
    // would turn deduplication off: an explicitly empty value is always the caller's bug.
    for (const [name, value] of Object.entries(this.flags as Record<string, unknown>)) {
      const values = Array.isArray(value) ? value : [value]
      if (values.some((v) => typeof v === 'string' && v.trim() === ''))
        throw validationError(`--${name} is empty (leave the flag out for none)`)
    }

    const traceId = this.flags['trace-id']
    if (traceId !== undefined) {
      if (!UUID_V4.test(traceId)) throw validationError('Invalid --trace-id. Must be a UUIDv4.')
      this.traceIdOverride = traceId.toLowerCase()
    }

    const workspace = this.flags['workspace-id']
    if (workspace !== undefined) {
      if (!/^\d+$/.test(workspace.trim()) || !Number.isSafeInteger(Number(workspace))) {
        throw validationError('Invalid --workspace-id. Must be a non-negative integer (0 = personal).')
      }

      this.workspaceOverride = Number(workspace)
    }
  }
}

export {ExitCode}
