import {type ChildProcess, spawn} from 'node:child_process'
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'

import {recordOutput} from './transcript.js'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
export const BIN = join(ROOT, 'bin', 'run.js')
/** Preloaded into every CLI a test starts: only loopback connections are allowed. */
export const LOOPBACK_GUARD = join(ROOT, 'test', 'helpers', 'loopback-guard.mjs')

export interface CliResult {
  stdout: string
  stderr: string
  exitCode: number
  /** stdout parsed as exactly one JSON document (throws otherwise). */
  json<T = Record<string, unknown>>(): T
  /** The last stderr line parsed as a JSON error object. */
  errorJson(): Record<string, unknown>
}

export interface RunOptions {
  env?: Record<string, string | undefined>
  input?: string
  cwd?: string
  timeoutMs?: number
  /** Another copy of the CLI's bin/run.js (an installed package); the repo's by default. */
  bin?: string
  /** Called with the child process once it runs (e.g. to send it a signal at the right moment). */
  onSpawn?: (child: ChildProcess) => void
}

/** A fresh PIXVERSE_HOME so no test sees another's session or settings. */
export function tempHome(): string {
  return mkdtempSync(join(tmpdir(), 'pixverse-home-'))
}

/**
 * Runs the built CLI as a subprocess, the way users and agents do. The environment is cleared of
 * anything that could reach a real account; each call names the home and base URL it uses.
 */
export function runCli(args: string[], options: RunOptions = {}): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_OPTIONS: '',
    CI: '1',
    ...options.env,
  }
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key]
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', LOOPBACK_GUARD, options.bin ?? BIN, ...args], {
      cwd: options.cwd ?? ROOT,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    options.onSpawn?.(child)
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 50_000)
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      recordOutput(args, stdout, stderr)
      resolvePromise(cliResult(stdout, stderr, code ?? (signal ? 128 : 1)))
    })
    // A CLI may stop reading its input early (a refused runaway prompt): that is not the test's error.
    child.stdin.on('error', () => {})
    if (options.input !== undefined) child.stdin.end(options.input)
    else child.stdin.end()
  })
}

/** The result of one CLI run, however it ran (a subprocess here, in-process in run-command.ts). */
export function cliResult(stdout: string, stderr: string, exitCode: number): CliResult {
  return {
    stdout,
    stderr,
    exitCode,
    json<T>() {
      return JSON.parse(stdout) as T
    },
    errorJson() {
      const lines = stderr
        .trim()
        .split('\n')
        .filter((line) => line.startsWith('{'))
      if (lines.length === 0) throw new Error(`no JSON error on stderr: ${stderr}`)
      return JSON.parse(lines.at(-1) as string) as Record<string, unknown>
    },
  }
}
