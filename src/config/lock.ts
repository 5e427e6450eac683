import {closeSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync} from 'node:fs'

import {CliError, ExitCode} from '../errors.js'

/** A settings write takes milliseconds: a lock this old was left by a process that died mid-write. */
const STALE_MS = 10_000
const GIVE_UP_MS = 15_000
const pause = new Int32Array(new SharedArrayBuffer(4))

/**
 * Runs `fn` while holding the lock file `lockPath`, so a read-modify-write of a settings or session
 * file never loses another process's change. `open(…, 'wx')` is atomic: whoever creates the file
 * holds the lock. Synchronous on purpose: the stores' callers are synchronous and hold it for
 * milliseconds. (The sandbox has its own, asynchronous lock: it must not share code with the client.)
 */
export function withFileLockSync<T>(lockPath: string, fn: () => T): T {
  const started = Date.now()
  while (!tryLock(lockPath, STALE_MS)) {
    if (Date.now() - started > GIVE_UP_MS) {
      throw new CliError(`Cannot lock ${lockPath}: another pixverse process holds it`, {
        exitCode: ExitCode.General,
        hint: `If no other pixverse is running, remove ${lockPath}.`,
      })
    }

    Atomics.wait(pause, 0, 0, 2 + Math.random() * 8)
  }

  try {
    return fn()
  } finally {
    rmSync(lockPath, {force: true})
  }
}

/**
 * Takes the lock file if it is free, or held by a process that is gone (same host) or older than
 * `staleMs`. Returns false while a live holder has it.
 */
export function tryLock(lockPath: string, staleMs = Number.POSITIVE_INFINITY): boolean {
  try {
    const fd = openSync(lockPath, 'wx', 0o600)
    writeSync(fd, `${process.pid}\n`)
    closeSync(fd)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }

  if (!isStale(lockPath, staleMs)) return false
  // Move it aside first, so two processes breaking the same stale lock cannot delete a fresh one.
  const aside = `${lockPath}.stale-${process.pid}-${Math.random().toString(36).slice(2)}`
  try {
    renameSync(lockPath, aside)
  } catch {
    return false // someone else broke it first: try again
  }

  rmSync(aside, {force: true})
  return tryLock(lockPath, staleMs)
}

function isStale(lockPath: string, staleMs: number): boolean {
  try {
    const pid = Number.parseInt(readFileSync(lockPath, 'utf8'), 10)
    if (Number.isInteger(pid) && pid > 0 && !isAlive(pid)) return true
    return Date.now() - statSync(lockPath).mtimeMs > staleMs
  } catch {
    return false // released between our open and this look: simply try again
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
