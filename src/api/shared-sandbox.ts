/**
 * One sandbox per PIXVERSE_HOME that outlives the command (`--sandbox`, PIXVERSE_SANDBOX=1): the
 * first command starts src/sandbox/shared-server.ts detached on a free loopback port and records
 * it in `<sandbox dir>/shared.json` (0600: pid, port, secret); later commands find it there and
 * reuse it once it has proved it is that process (a nonce answered with the secret's HMAC), so
 * the media URLs a command prints keep working after it exits. It stops itself after
 * PIXVERSE_SANDBOX_IDLE_SECONDS without a request (default 900), or with `pixverse sandbox stop`.
 */
import {spawn} from 'node:child_process'
import {randomBytes} from 'node:crypto'
import {closeSync, constants, existsSync, openSync, rmSync} from 'node:fs'
import http from 'node:http'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {makePrivateFolders, readJsonObject, writeJsonObject} from '../config/json-file.js'
import {tryLock} from '../config/lock.js'
import {CliError, ExitCode} from '../errors.js'
import {sharedSandboxProof} from '../sandbox/shared-proof.js'

export interface SharedSandbox {
  origin: string
  baseUrl: string
  pid: number
  /** When it was started (ISO time), as recorded. */
  startedAt: string
}

interface SandboxRecord {
  pid: number
  port: number
  secret: string
  started_at: string
}

const DEFAULT_IDLE_SECONDS = 900
/** Starting takes a second or two; a lock older than this was left by a starter that died. */
const LOCK_STALE_MS = 60_000
const READY_TIMEOUT_MS = 30_000
const HEALTH_TIMEOUTS_MS = [2000, 8000]

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

const files = (dataDir: string) => ({
  record: join(dataDir, 'shared.json'),
  lock: join(dataDir, 'shared.lock'),
  log: join(dataDir, 'shared.log'),
})

/** The idle time from PIXVERSE_SANDBOX_IDLE_SECONDS (README), or 15 minutes. */
export function sharedIdleSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.PIXVERSE_SANDBOX_IDLE_SECONDS)
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_IDLE_SECONDS
}

/** The running shared sandbox of `dataDir`, or undefined when there is none (or its record is stale). */
export async function findSharedSandbox(dataDir: string): Promise<SharedSandbox | undefined> {
  const record = readRecord(files(dataDir).record)
  if (!record || !(await isOurs(record))) return undefined
  return describe(record)
}

/**
 * The shared sandbox of `dataDir`, started in the background if none is running. While this
 * process lives it keeps the sandbox from its idle stop (an MCP server, a wizard waiting for answers).
 */
export async function useSharedSandbox(dataDir: string, options: {taskSeconds?: number} = {}): Promise<SharedSandbox> {
  const sandbox =
    (await findSharedSandbox(dataDir)) ??
    // Another command may have started it while this one waited for the lock.
    (await withStartLock(dataDir, async () => (await findSharedSandbox(dataDir)) ?? startShared(dataDir, options)))
  // The command's task time becomes the shared state's, as it did when each command had its own.
  if (options.taskSeconds) await postConfig(sandbox, {taskSeconds: options.taskSeconds})
  keepAlive(sandbox)
  return sandbox
}

const kept = new Set<string>()

/** A request every third of the idle time; the timer never holds a finished command open. */
function keepAlive(sandbox: SharedSandbox): void {
  if (kept.has(sandbox.origin)) return
  kept.add(sandbox.origin)
  const every = Math.min((sharedIdleSeconds() * 1000) / 3, 60_000)
  setInterval(() => void getJson(`${sandbox.origin}/healthz`), every).unref()
}

/** Stops the shared sandbox of `dataDir`; a stale record is removed. Returns what was stopped. */
export async function stopSharedSandbox(dataDir: string): Promise<SharedSandbox | undefined> {
  const {record: recordFile} = files(dataDir)
  const record = readRecord(recordFile)
  if (!record) return undefined
  if (!(await isOurs(record))) {
    rmSync(recordFile, {force: true})
    return undefined
  }

  process.kill(record.pid, 'SIGTERM')
  for (let waited = 0; waited < 10_000 && isAlive(record.pid); waited += 50) await sleep(50)
  // It removes its own record on the way out; one killed harder leaves it behind.
  if (readRecord(recordFile)?.pid === record.pid) rmSync(recordFile, {force: true})
  return describe(record)
}

function describe(record: SandboxRecord): SharedSandbox {
  const origin = `http://127.0.0.1:${record.port}`
  return {origin, baseUrl: `${origin}/creative_platform`, pid: record.pid, startedAt: record.started_at}
}

function readRecord(file: string): SandboxRecord | undefined {
  let data: Record<string, unknown>
  try {
    data = readJsonObject(file)
  } catch {
    return undefined // a corrupt record is as good as none: it is replaced
  }

  const {pid, port, secret} = data
  if (!Number.isInteger(pid) || !Number.isInteger(port) || typeof secret !== 'string' || secret === '') return undefined
  if ((port as number) <= 0 || (port as number) > 65_535 || (pid as number) <= 0) return undefined
  return {
    pid: pid as number,
    port: port as number,
    secret,
    started_at: typeof data.started_at === 'string' ? data.started_at : '',
  }
}

/** Alive and really the recorded process: a fresh nonce answered with the recorded secret and pid. */
async function isOurs(record: SandboxRecord): Promise<boolean> {
  if (!isAlive(record.pid)) return false
  // No answer in time from a live pid may be a machine under load: one longer try before a second
  // sandbox is started beside it (the first would run on until its idle stop).
  for (const timeoutMs of HEALTH_TIMEOUTS_MS) {
    const nonce = randomBytes(16).toString('hex')
    const answer = await getJson(`http://127.0.0.1:${record.port}/healthz?nonce=${nonce}`, timeoutMs)
    if (answer === undefined) continue
    return (
      answer.service === 'pixverse-sandbox' &&
      answer.pid === record.pid &&
      answer.proof === sharedSandboxProof(record.secret, nonce, record.pid)
    )
  }

  return false
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function getJson(url: string, timeoutMs = HEALTH_TIMEOUTS_MS[0]): Promise<Record<string, unknown> | undefined> {
  return new Promise((resolve) => {
    const request = http.get(url, {timeout: timeoutMs, agent: false}, (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => {
        body += chunk
        if (body.length > 65_536) request.destroy()
      })
      response.on('end', () => {
        try {
          const value: unknown = JSON.parse(body)
          resolve(value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined)
        } catch {
          resolve(undefined)
        }
      })
    })
    request.on('timeout', () => request.destroy())
    request.on('error', () => resolve(undefined))
  })
}

async function postConfig(sandbox: SharedSandbox, settings: Record<string, unknown>): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const request = http.request(`${sandbox.origin}/_sandbox/config`, {method: 'POST', agent: false}, (response) => {
      response.resume()
      response.on('end', () => resolve())
    })
    request.on('error', reject)
    request.end(JSON.stringify(settings))
  })
}

async function withStartLock<T>(dataDir: string, fn: () => Promise<T>): Promise<T> {
  const {lock} = files(dataDir)
  makePrivateFolders(dataDir)
  const since = Date.now()
  while (!tryLock(lock, LOCK_STALE_MS)) {
    if (Date.now() - since > LOCK_STALE_MS) {
      throw new CliError(`Cannot lock ${lock}: another pixverse is starting the sandbox`, {
        exitCode: ExitCode.General,
        hint: `If no other pixverse is running, remove ${lock}.`,
      })
    }

    await sleep(20 + Math.random() * 30)
  }

  try {
    return await fn()
  } finally {
    rmSync(lock, {force: true})
  }
}

/** The child's entry: the built module beside this one, or its source under a TypeScript loader (tests). */
function serverEntry(): {file: string; execArgv: string[]} {
  const built = fileURLToPath(new URL('../sandbox/shared-server.js', import.meta.url))
  if (existsSync(built)) return {file: built, execArgv: []}
  return {file: built.replace(/\.js$/, '.ts'), execArgv: process.execArgv}
}

async function startShared(dataDir: string, options: {taskSeconds?: number}): Promise<SharedSandbox> {
  const {record: recordFile, log} = files(dataDir)
  const secret = randomBytes(32).toString('hex')
  const settings = {dataDir, secret, recordFile, idleSeconds: sharedIdleSeconds(), taskSeconds: options.taskSeconds}
  const {file, execArgv} = serverEntry()
  const logFd = openLog(log)
  const child = spawn(process.execPath, [...execArgv, file], {
    detached: true,
    // No handle on this process's stdout/stderr: whoever waits for them (a pipe, CI) is not held up.
    stdio: ['ignore', 'pipe', logFd],
    env: {...withoutSecrets(process.env), PIXVERSE_SHARED_SANDBOX: JSON.stringify(settings)},
  })
  if (typeof logFd === 'number') closeSync(logFd)
  const ready = await readyLine(child)
  child.stdout?.destroy()
  child.unref()
  const record: SandboxRecord = {pid: ready.pid, port: ready.port, secret, started_at: new Date().toISOString()}
  if (!(await isOurs(record))) {
    process.kill(ready.pid, 'SIGTERM')
    throw new CliError('The local sandbox started but does not answer', {
      exitCode: ExitCode.General,
      hint: `See ${log}`,
    })
  }

  writeJsonObject(recordFile, record as unknown as Record<string, unknown>)
  return describe(record)
}

/** The child's stderr: never through a planted symlink (the log is ours or it is not written). */
function openLog(file: string): number | 'ignore' {
  const {O_APPEND, O_CREAT, O_NOFOLLOW, O_WRONLY} = constants
  try {
    return openSync(file, O_APPEND | O_CREAT | O_NOFOLLOW | O_WRONLY, 0o600)
  } catch {
    return 'ignore'
  }
}

function readyLine(child: ReturnType<typeof spawn>): Promise<{port: number; pid: number}> {
  return new Promise((resolve, reject) => {
    let text = ''
    const fail = (why: string) => {
      clearTimeout(timer)
      child.kill('SIGTERM')
      reject(
        new CliError(`Could not start the local sandbox: ${why}`, {
          exitCode: ExitCode.General,
          hint: 'See shared.log in the sandbox folder',
        }),
      )
    }

    const timer = setTimeout(() => fail('it did not start in time'), READY_TIMEOUT_MS)
    child.once('error', (error) => fail(error.message))
    child.once('exit', (code) => fail(`it exited with ${code}`))
    child.stdout?.setEncoding('utf8')
    child.stdout?.on('data', (chunk: string) => {
      text += chunk
      const newline = text.indexOf('\n')
      if (newline < 0) return
      clearTimeout(timer)
      child.removeAllListeners('exit')
      try {
        const {port, pid} = JSON.parse(text.slice(0, newline)) as {port: number; pid: number}
        resolve({port, pid})
      } catch {
        fail('it printed no address')
      }
    })
  })
}

/** The child serves a sandbox: it has no use for the user's real credentials. */
function withoutSecrets(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !/TOKEN|SECRET|ACCESS_KEY|PASSWORD/i.test(name)))
}
