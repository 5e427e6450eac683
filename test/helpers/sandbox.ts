import {type ChildProcess, spawn} from 'node:child_process'
import {appendFileSync, mkdirSync, mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'

import {PRODUCTION_HOSTS} from '../../src/sandbox/hosts.js'
import {BIN, type CliResult, ROOT, type RunOptions, runCli, tempHome} from './cli.js'
import {runCommand} from './run-command.js'
import {testCertificates} from './tls.js'

/**
 * The public-looking address the production names resolve to in a test CLI (TEST-NET-3, RFC 5737:
 * never routed), so host checks meant for the real service see a public host; the preload sends
 * its port 443 to the sandbox's https listener.
 */
export const SANDBOX_PUBLIC_ADDRESS = '203.0.113.10'

/** Every sandbox folder of the run, so the last test can look for leaked tokens (zz-secrets.test.ts). */
export const SANDBOX_DIRS_FILE = join(ROOT, 'test-output', 'sandbox-dirs.log')

export interface SandboxProcess {
  /** How CLIs bound to this sandbox run by default (`useSandbox({inProcess})` sets it; else a subprocess). */
  runner?: Runner
  /** API base URL (…/creative_platform). */
  url: string
  origin: string
  /** The loopback port of its https listener for the production names. */
  tlsPort: number
  /**
   * What a CLI needs to reach this sandbox under the production names (loopback-guard.mjs):
   * the name map for the preload and the test CA. Every CLI bound to the sandbox gets it.
   */
  netEnv: Record<string, string>
  /** How a user points the CLI at this sandbox (what `sandbox serve` prints): API base and upload origin. */
  clientEnv: {PIXVERSE_API_BASE: string; PIXVERSE_UPLOAD_BASE: string}
  dataDir: string
  stop(): Promise<void>
  requests(): Promise<
    Array<{method: string; host: string; path: string; body?: unknown; headers: Record<string, string>; fault?: string}>
  >
  clearRequests(): Promise<void>
  state(): Promise<Record<string, unknown>>
  configure(settings: Record<string, unknown>): Promise<void>
  control(path: string, body?: unknown): Promise<unknown>
}

/** Starts `pixverse sandbox serve` as a subprocess on a free loopback port and reads its URL. */
export async function startSandboxProcess(
  flags: string[] = [],
  options: {dataDir?: string; env?: Record<string, string>; taskSeconds?: number} = {},
): Promise<SandboxProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'pixverse-sandbox-'))
  mkdirSync(dirname(SANDBOX_DIRS_FILE), {recursive: true})
  appendFileSync(SANDBOX_DIRS_FILE, dataDir + '\n')
  const certs = testCertificates()
  const child: ChildProcess = spawn(
    process.execPath,
    [
      BIN,
      'sandbox',
      'serve',
      '--port',
      '0',
      '--json',
      '--data-dir',
      dataDir,
      '--task-seconds',
      String(options.taskSeconds ?? 1),
      '--auto-approve',
      '--tls-cert',
      certs.certFile,
      '--tls-key',
      certs.keyFile,
      ...flags,
    ],
    {
      env: {PATH: process.env.PATH, HOME: process.env.HOME, PIXVERSE_HOME: tempHome(), ...options.env},
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  const {url, origin, tlsPort} = await new Promise<{url: string; origin: string; tlsPort: number}>(
    (resolve, reject) => {
      let buffer = ''
      child.stdout!.on('data', (chunk) => {
        buffer += chunk
        try {
          resolve(JSON.parse(buffer))
        } catch {
          // the document is not complete yet
        }
      })
      child.on('exit', (code) => reject(new Error(`sandbox exited early with ${code}`)))
      setTimeout(() => reject(new Error('sandbox did not start')), 15_000)
    },
  )
  const control = async (path: string, init?: RequestInit) => {
    const response = await fetch(`${origin}/_sandbox/${path}`, init)
    const text = await response.text()
    return text ? JSON.parse(text) : undefined
  }

  return {
    url,
    origin,
    tlsPort,
    netEnv: {
      PIXVERSE_TEST_NET: JSON.stringify({address: SANDBOX_PUBLIC_ADDRESS, names: PRODUCTION_HOSTS, port: tlsPort}),
      NODE_EXTRA_CA_CERTS: certs.caFile,
    },
    clientEnv: {PIXVERSE_API_BASE: url, PIXVERSE_UPLOAD_BASE: origin},
    dataDir,
    async stop() {
      if (child.exitCode !== null) return
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
    },
    requests: () => control('requests'),
    async clearRequests() {
      await control('requests', {method: 'DELETE'})
    },
    state: () => control('state'),
    async configure(settings) {
      await control('config', {
        method: 'POST',
        body: JSON.stringify(settings),
        headers: {'content-type': 'application/json'},
      })
    },
    control: (path, body) =>
      control(path, {method: 'POST', body: JSON.stringify(body ?? {}), headers: {'content-type': 'application/json'}}),
  }
}

/** How a test runs the CLI: a subprocess of the built bin/run.js, or the command classes in-process. */
export type Runner = (args: string[], options?: RunOptions) => Promise<CliResult>

/**
 * A CLI bound to one sandbox and one home: `cli(args)` runs `pixverse …` against it, as a
 * subprocess by default or in-process with `runner: runCommand` (same result, milliseconds).
 */
export function cliFor(
  sandbox: SandboxProcess,
  home = tempHome(),
  extraEnv: Record<string, string | undefined> = {},
  runner: Runner = sandbox.runner ?? runCli,
) {
  const run = (args: string[], options: RunOptions = {}): Promise<CliResult> =>
    runner(args, {
      ...options,
      env: {
        ...sandbox.netEnv,
        PIXVERSE_HOME: home,
        ...sandbox.clientEnv,
        ...extraEnv,
        ...options.env,
      },
    })
  return Object.assign(run, {home, runner})
}

export type SandboxCli = ReturnType<typeof cliFor>

/** Logs `cli` in through the device flow (the sandbox auto-approves). */
export async function login(cli: SandboxCli): Promise<void> {
  const result = await cli(['auth', 'login', '--json'])
  if (result.exitCode !== 0) throw new Error(`login failed: ${result.stderr}`)
}

export interface UseSandboxOptions {
  /** Extra `sandbox serve` flags, e.g. `['--slots', '3']`. */
  flags?: string[]
  /** Extra environment for the CLI (not the sandbox), e.g. a shorter HTTP timeout. */
  env?: Record<string, string>
  /** `false` for suites that test logging in, or that only want the sandbox. Default: logged in. */
  login?: boolean
  /**
   * Run the CLI in-process (test/helpers/run-command.ts) instead of as a subprocess: for walks over
   * many cases whose subject is the command, not the process. The sandbox is a subprocess either way.
   */
  inProcess?: boolean
  /**
   * How long each task of the sandbox takes (its `--task-seconds`). Default: 1 s for a subprocess CLI
   * (which polls on real time: a task must outlive the first look), 0.1 s in-process, where a
   * skipped poll costs only `realMsPerSecond` of the test clock and a task should be done by the
   * next one. A case about a task still running says so with `[sandbox:seconds=N]`.
   */
  taskSeconds?: number
  /**
   * The CLI runs with its production defaults, unchanged: no PIXVERSE_API_BASE, so it talks to
   * https://app-api.pixverse.ai/creative_platform, which the preload sends to the sandbox.
   */
  production?: boolean
}

/** `useSandbox()` with the CLI on the production code path (see `production`). */
export function useProductionSandbox(options: Omit<UseSandboxOptions, 'production'> = {}): SandboxContext {
  return useSandbox({...options, production: true})
}

/** The sandbox and CLI of a describe block, both set by the `before` hook `useSandbox()` registers. */
export interface SandboxContext {
  readonly sandbox: SandboxProcess
  readonly cli: SandboxCli
}

/**
 * Registers hooks in the calling describe block: `before` starts one sandbox process and binds a CLI
 * with a fresh home to it (logged in unless `login: false`), `after` stops the sandbox. Call it
 * first in the block: mocha runs hooks in the order they are registered, so the block's own
 * `before` hooks (credits, fixtures) find the sandbox ready.
 */
export function useSandbox(options: UseSandboxOptions = {}): SandboxContext {
  let sandbox: SandboxProcess | undefined
  let cli: SandboxCli | undefined

  before(async function () {
    const taskSeconds = options.taskSeconds ?? (options.inProcess ? 0.1 : 1)
    sandbox = Object.assign(await startSandboxProcess(options.flags, {taskSeconds}), {
      runner: options.inProcess ? runCommand : runCli,
    })
    cli = cliFor(
      sandbox,
      undefined,
      options.production
        ? {PIXVERSE_API_BASE: undefined, PIXVERSE_UPLOAD_BASE: undefined, ...options.env}
        : options.env,
    )
    if (options.login !== false) await login(cli)
  })

  after(async function () {
    await sandbox?.stop()
  })

  // Both exist only once the hook ran: read while mocha collects the tests, they would be undefined
  // and fail far from the cause.
  const notYet = (name: string): never => {
    throw new Error(
      `useSandbox(): ${name} is set by its before hook; use it inside a test or hook, not in the describe body`,
    )
  }

  return {
    get sandbox() {
      return sandbox ?? notYet('sandbox')
    },
    get cli() {
      return cli ?? notYet('cli')
    },
  }
}
