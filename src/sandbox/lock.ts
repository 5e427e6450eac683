/**
 * Inter-process lock on a file.
 *
 * Several processes (CLI invocations each with an in-process sandbox, or a `sandbox serve`
 * process) share one dataDir, so a read-modify-write of the state must exclude the others.
 * `open(path, 'wx')` is atomic on every local filesystem: whoever creates the file owns the
 * lock. A holder that died leaves the file behind, so a lock older than STALE_MS is broken.
 * Inside one process a promise chain queues callers first, so they do not spin against each other.
 */
import fs from 'node:fs'

const STALE_MS = 10_000
const GIVE_UP_MS = 30_000
const queues = new Map<string, Promise<unknown>>()

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

async function acquire(lockPath: string): Promise<void> {
  const started = Date.now()
  for (;;) {
    try {
      const fd = fs.openSync(lockPath, 'wx')
      fs.writeSync(fd, `${process.pid} ${Date.now()}\n`)
      fs.closeSync(fd)
      return
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    try {
      const age = Date.now() - fs.statSync(lockPath).mtimeMs
      if (age > STALE_MS) {
        // Rename first so that two breakers cannot both delete a lock a third process just took.
        const aside = `${lockPath}.stale-${process.pid}-${Math.random().toString(36).slice(2)}`
        fs.renameSync(lockPath, aside)
        fs.rmSync(aside, {force: true})
        continue
      }
    } catch {
      continue // the holder released it between our open and stat: try again at once
    }
    if (Date.now() - started > GIVE_UP_MS) throw new Error(`sandbox: could not lock ${lockPath}`)
    await sleep(2 + Math.random() * 6)
  }
}

/** Runs fn while holding the lock at lockPath (in-process FIFO, then the file lock). */
export function withLock<T>(lockPath: string, fn: () => T | Promise<T>): Promise<T> {
  const previous = queues.get(lockPath) ?? Promise.resolve()
  const run = previous
    .catch(() => undefined)
    .then(async () => {
      await acquire(lockPath)
      try {
        return await fn()
      } finally {
        fs.rmSync(lockPath, {force: true})
      }
    })
  const tail = run.catch(() => undefined)
  queues.set(lockPath, tail)
  void tail.then(() => {
    if (queues.get(lockPath) === tail) queues.delete(lockPath)
  })
  return run
}

/** Writes a file so that readers see either the old or the new content, never half of it; owner-only. */
export function writeFileAtomic(file: string, data: string | Buffer): void {
  const tmp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`
  fs.writeFileSync(tmp, data, {mode: 0o600, flag: 'wx'})
  fs.renameSync(tmp, file)
}
