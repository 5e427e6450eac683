import {Config, run, settings} from '@oclif/core'
import {Exit, handle} from '@oclif/core/handle'
import {PassThrough} from 'node:stream'

import {hoistGlobalFlags} from '../../src/argv.js'
import {CommandContext, runWithContext} from '../../src/context/command-context.js'
import type {OutputStream} from '../../src/context/streams.js'
import {type CliResult, ROOT, type RunOptions, cliResult} from './cli.js'
import {recordOutput} from './transcript.js'

/**
 * Runs `pixverse …` inside the test process, through oclif's own runner (`run(argv, config)`, what
 * bin/run.js's `execute` calls), and yields what the subprocess would have: stdout, stderr and the
 * exit code it would end with. The command classes are the real ones, but oclif loads them from the
 * build (dist/commands, whatever `enableAutoTranspile` says): build after an edit. A module-level
 * state of src/ (e.g. `useClock()` from src/util/clock.ts) is therefore not the one they see; the
 * command context and the render screen are kept on `globalThis` so they are.
 *
 * The command gets its streams through a `CommandContext` (`runWithContext`): stdin a pipe holding
 * `input`, stdout and stderr captured, terminals only when `terminal` says so; the process's own
 * streams keep their TTY-ness. What oclif itself prints (help, parse errors, hooks) still goes to the
 * process's stdout and stderr, so their writes are captured too, and the environment (cleared as
 * runCli clears it) and `process.exitCode` are the run's. Runs are therefore serialised; each takes
 * milliseconds.
 */
export function runCommand(args: string[], options: InProcessRunOptions = {}): Promise<CliResult> {
  if (options.bin) throw new Error('runCommand runs the repository sources; use runCli for another copy of the CLI')
  const turn = queue.then(() => runNow(args, options))
  queue = turn.then(
    () => undefined,
    () => undefined,
  )
  return turn
}

export interface InProcessRunOptions extends RunOptions {
  /** stdout and stderr are terminals this wide (stdin stays a pipe): what a person's screen would show. */
  terminal?: {columns: number; rows?: number}
}

const HELP = new Set(['--help', '-h', 'help'])
let queue: Promise<void> = Promise.resolve()
let loaded: Promise<Config> | undefined

/** The root Config, loaded once: with auto-transpile on, oclif maps dist/commands to src/commands. */
function rootConfig(): Promise<Config> {
  settings.enableAutoTranspile = true
  loaded ??= Config.load(ROOT)
  return loaded
}

async function runNow(args: string[], options: InProcessRunOptions): Promise<CliResult> {
  const config = await rootConfig()
  const captured = {stdout: '', stderr: ''}
  const {restore, stdin} = fakeProcess(options, captured)
  const context = new CommandContext({
    streams: {stdin, stdout: capture(captured, 'stdout', options), stderr: capture(captured, 'stderr', options)},
    env: process.env,
  })
  let exitCode: number | undefined
  try {
    await runWithContext(context, () => run(hoistGlobalFlags(args), config))
  } catch (error) {
    // What bin/run.js's `execute` does with an error that escaped the command: oclif's handler
    // prints it and exits with its code; here the exit is caught instead of ending the test run.
    const exit = Exit.exit
    Exit.exit = ((code = 0) => {
      exitCode ??= code
    }) as typeof Exit.exit

    try {
      await handle(error as Error)
    } finally {
      Exit.exit = exit
    }
  } finally {
    exitCode ??= Number(process.exitCode ?? 0)
    restore()
    // After showing help, oclif's runner no longer finds spaced command ids in the same Config
    // (`create video` then reads as not found): a help run gets the next run a fresh Config.
    if (args.some((word) => HELP.has(word))) loaded = undefined
  }

  recordOutput(args, captured.stdout, captured.stderr)
  return cliResult(captured.stdout, captured.stderr, exitCode)
}

/** One of the run's output streams, for its context: writes land in `captured`. */
function capture(
  captured: {stdout: string; stderr: string},
  name: 'stdout' | 'stderr',
  options: InProcessRunOptions,
): OutputStream {
  return {
    isTTY: Boolean(options.terminal),
    columns: options.terminal?.columns,
    rows: options.terminal?.rows,
    write(chunk: string) {
      captured[name] += chunk
      return true
    },
  }
}

/** Gives the process the environment, stdin and output writers of one CLI run; returns the undo. */
function fakeProcess(
  options: RunOptions,
  captured: {stdout: string; stderr: string},
): {restore: () => void; stdin: PassThrough} {
  const savedEnv = {...process.env}
  for (const key of Object.keys(process.env)) delete process.env[key]
  const env: Record<string, string | undefined> = {PATH: savedEnv.PATH, HOME: savedEnv.HOME, CI: '1', ...options.env}
  for (const [key, value] of Object.entries(env)) if (value !== undefined) process.env[key] = value

  const stdin = new PassThrough()
  stdin.end(options.input ?? '')
  const stdinDescriptor = Object.getOwnPropertyDescriptor(process, 'stdin')
  Object.defineProperty(process, 'stdin', {configurable: true, enumerable: true, value: stdin})

  // oclif's own output (help, its error handler) and the hooks' still write to the process.
  const writes = {stdout: process.stdout.write, stderr: process.stderr.write}
  for (const name of ['stdout', 'stderr'] as const) {
    const stream = process[name]
    stream.write = ((chunk: string | Uint8Array, encoding?: unknown, callback?: unknown) => {
      captured[name] += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')
      const done = typeof encoding === 'function' ? encoding : callback
      if (typeof done === 'function') process.nextTick(done as () => void)
      return true
    }) as typeof stream.write
  }

  const savedExitCode = process.exitCode
  process.exitCode = undefined
  const cwd = process.cwd()
  process.chdir(options.cwd ?? ROOT)

  const restore = () => {
    process.chdir(cwd)
    process.exitCode = savedExitCode
    for (const name of ['stdout', 'stderr'] as const) process[name].write = writes[name]
    if (stdinDescriptor) Object.defineProperty(process, 'stdin', stdinDescriptor)
    for (const key of Object.keys(process.env)) delete process.env[key]
    Object.assign(process.env, savedEnv)
  }

  return {restore, stdin}
}
