import {Command} from '@oclif/core/command'
import * as Flags from '@oclif/core/flags'
import type {Interfaces} from '@oclif/core'

import {ExitCode, validationError} from '../errors.js'
import {Output} from '../output.js'
import {toCliError} from './to-cli-error.js'

export type BaseFlags<T extends typeof Command> = Interfaces.InferredFlags<
  (typeof BaseCommand)['baseFlags'] & T['flags']
>
export type BaseArgs<T extends typeof Command> = Interfaces.InferredArgs<T['args']>

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i

/**
 * Owns output and errors for every command: `run()` returns a result object, this class prints it
 * (one JSON document on stdout with --json/-p, or text), and one catch maps any error to its exit
 * code, identical with and without --json. oclif's own JSON path is not used: it loses exit codes.
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

  protected flags!: BaseFlags<T>
  protected args!: BaseArgs<T>
  protected out!: Output
  /** Every positional argument, for commands that take a variable number (strict = false). */
  protected positionals: string[] = []

  /** Fixed trace id from --trace-id, already validated. */
  protected traceIdOverride?: string
  /** Workspace from --workspace-id, already validated. */
  protected workspaceOverride?: number

  public async init(): Promise<void> {
    // Decided from argv before parsing, so that a parse error is reported as JSON too.
    this.out = new Output(this.argv.includes('--json') || this.argv.includes('-p'))
    await this.parseArgv()
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
    this.out = new Output(Boolean(this.flags.json))
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
    this.out ??= new Output(this.argv.includes('--json') || this.argv.includes('-p'))
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
