import {Config, type Interfaces, run, settings} from '@oclif/core'
import {Exit, handle} from '@oclif/core/handle'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {PassThrough} from 'node:stream'

import {hoistGlobalFlags} from '../../src/argv.js'
import {type CliResult, ROOT, type RunOptions, cliResult} from './cli.js'
import {recordOutput} from './transcript.js'

/**
 * Runs `pixverse …` inside the test process, through oclif's own runner (`run(argv, config)`, what
 * bin/run.js's `execute` calls), and yields what the subprocess would have: stdout, stderr and the
 * exit code it would end with. The command classes are the real ones (loaded from src/ by tsx), so
 * a clock installed with `useClock()` reaches their polls and back-offs.
 *
 * What a process gives each run and this one must fake, it fakes for the run only: the environment
 * (cleared as runCli clears it), stdin (a pipe holding `input`), non-terminal stdout/stderr, and
 * `process.exitCode`. Runs are therefore serialised; each takes milliseconds.
 */
export function runCommand(args: string[], options: RunOptions = {}): Promise<CliResult> {
  if (options.bin) throw new Error('runCommand runs the repository sources; use runCli for another copy of the CLI')
  const turn = queue.then(() => runNow(args, options))
  queue = turn.then(
    () => undefined,
    () => undefined,
  )
  return turn
}

const HELP = new Set(['--help', '-h', 'help'])
let queue: Promise<void> = Promise.resolve()
let loaded: Promise<Config> | undefined

/** The root Config, loaded once, its commands and hooks read from src/ (see `loadSourceConfig`). */
function rootConfig(): Promise<Config> {
  loaded ??= loadSourceConfig()
  return loaded
}

/**
 * The repository's Config with every command and hook of the CLI itself loaded from src/ (by tsx),
 * so they share this process's modules, `util/clock.ts` included: a test clock reaches their polls.
 * oclif's own dist-to-src mapping (auto-transpile) cannot be relied on: it gives up when it cannot
 * register a TypeScript loader itself, and a command listed in oclif.manifest.json is loaded from
 * the manifest's dist/ path whatever the mapping says. So package.json's paths are pointed at src/,
 * and the manifest entries lose their dist/ path: oclif then looks the command up under src/.
 */
async function loadSourceConfig(): Promise<Config> {
  settings.enableAutoTranspile = false
  const pjson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Interfaces.PJSON
  pjson.oclif = JSON.parse(
    JSON.stringify(pjson.oclif)
      .replaceAll(/"\.\/dist\/([^"]*)\.js"/g, '"./src/$1.ts"')
      .replaceAll('"./dist/', '"./src/'),
  ) as Interfaces.PJSON['oclif']
  const config = await Config.load({root: ROOT, pjson})
  const manifest = (config.plugins.get(pjson.name) as {manifest?: Interfaces.Manifest} | undefined)?.manifest
  for (const command of Object.values(manifest?.commands ?? {}))
    delete (command as {relativePath?: string[]}).relativePath
  return config
}

async function runNow(args: string[], options: RunOptions): Promise<CliResult> {
  const config = await rootConfig()
  const captured = {stdout: '', stderr: ''}
  const restore = fakeProcess(options, captured)
  let exitCode: number | undefined
  try {
    await run(hoistGlobalFlags(args), config)
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

/** Gives the process the environment, stdin and output streams of one CLI run; returns the undo. */
function fakeProcess(options: RunOptions, captured: {stdout: string; stderr: string}): () => void {
  const savedEnv = {...process.env}
  for (const key of Object.keys(process.env)) delete process.env[key]
  const env: Record<string, string | undefined> = {PATH: savedEnv.PATH, HOME: savedEnv.HOME, CI: '1', ...options.env}
  for (const [key, value] of Object.entries(env)) if (value !== undefined) process.env[key] = value

  const stdin = new PassThrough()
  stdin.end(options.input ?? '')
  const stdinDescriptor = Object.getOwnPropertyDescriptor(process, 'stdin')
  Object.defineProperty(process, 'stdin', {configurable: true, enumerable: true, value: stdin})

  const writes = {stdout: process.stdout.write, stderr: process.stderr.write}
  const tty = {stdout: process.stdout.isTTY, stderr: process.stderr.isTTY}
  for (const name of ['stdout', 'stderr'] as const) {
    const stream = process[name]
    stream.isTTY = false as true
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

  return () => {
    process.chdir(cwd)
    process.exitCode = savedExitCode
    for (const name of ['stdout', 'stderr'] as const) {
      process[name].write = writes[name]
      process[name].isTTY = tty[name] as true
    }

    if (stdinDescriptor) Object.defineProperty(process, 'stdin', stdinDescriptor)
    for (const key of Object.keys(process.env)) delete process.env[key]
    Object.assign(process.env, savedEnv)
  }
}
