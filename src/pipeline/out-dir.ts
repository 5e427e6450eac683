import {existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {join, resolve} from 'node:path'

import {CliError, ExitCode, validationError} from '../errors.js'
import {assertFolderWritable} from '../util/writable-folder.js'

export const STATE_FILE = 'pipeline.state.json'

/** The run's output folder: --out, else ./pixverse-<name>. */
export function outDirOf(name: string, out: string | undefined): string {
  return resolve(out ?? `pixverse-${name}`)
}

/**
 * A run writes only into a folder it created or ran in before (it holds our state file): files
 * of the user's are never overwritten. Checked before any request.
 */
export function assertOutDirUsable(dir: string, given: string): void {
  assertFolderWritable(dir, '--out', given)
  if (!existsSync(dir) || existsSync(join(dir, STATE_FILE))) return
  if (readdirSync(dir).length > 0) {
    throw validationError(
      `--out ${given} already holds files that no pipeline run wrote (no ${STATE_FILE}); choose an empty or new folder`,
    )
  }
}

export const LOCK_FILE = 'pipeline.lock'

/** The pid of a run still going in this folder, if any (a lock left by a crash does not count). */
export function activeRun(dir: string): number | undefined {
  let pid: number
  try {
    pid = Number(readFileSync(join(dir, LOCK_FILE), 'utf8').trim())
  } catch {
    return undefined
  }

  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return undefined
  try {
    process.kill(pid, 0)
    return pid
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined
  }
}

/** One run per output folder at a time: two would both write its state file. Returns the release. */
export function lockRun(dir: string): () => void {
  const other = activeRun(dir)
  if (other)
    throw new CliError(`A run of this pipeline is already going in ${dir} (pid ${other})`, {
      exitCode: ExitCode.General,
      hint: 'Follow it with `pixverse pipeline status`; run again once it has ended.',
    })
  mkdirSync(dir, {recursive: true})
  const file = join(dir, LOCK_FILE)
  writeFileSync(file, `${process.pid}\n`)
  return () => rmSync(file, {force: true})
}
