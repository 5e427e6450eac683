import {chmodSync, closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync} from 'node:fs'
import {dirname, join, relative, resolve, sep} from 'node:path'

import {CliError, ExitCode} from '../errors.js'
import {withFileLockSync} from './lock.js'

/**
 * Reads a JSON object file. A missing file is an empty object; a corrupt one is an error that names
 * the file and is never "repaired" by overwriting it, since it may hold a user's only token.
 */
export function readJsonObject(file: string): Record<string, unknown> {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {}
    throw new CliError(`Cannot read ${file}: ${(error as Error).message}`, {exitCode: ExitCode.General})
  }

  if (text.trim() === '') return {}
  try {
    const value: unknown = JSON.parse(text)
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>
  } catch {
    // fall through to the error below
  }

  throw new CliError(`${file} is not valid JSON; fix or remove it (it was left untouched)`, {
    exitCode: ExitCode.General,
    hint: `Inspect it with: cat ${file}`,
  })
}

/**
 * Writes atomically (a temp file created exclusively, then renamed) with owner-only permissions.
 * Folders the write has to create are owner-only; a folder that already exists is never chmodded:
 * it is not ours (a shared /tmp beside a batch manifest, a PIXVERSE_HOME someone else set up).
 */
export function writeJsonObject(file: string, value: Record<string, unknown>): void {
  makePrivateFolders(dirname(file))
  const temp = `${file}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`
  // 'wx': never follow a planted symlink or reuse a file someone else created under that name.
  const fd = openSync(temp, 'wx', 0o600)
  try {
    writeSync(fd, JSON.stringify(value, null, '\t') + '\n')
  } finally {
    closeSync(fd)
  }

  try {
    chmodSync(temp, 0o600) // the mode given to open is masked by the umask; this is not
    renameSync(temp, file)
  } catch (error) {
    rmSync(temp, {force: true})
    throw error
  }
}

/** Read-modify-write under `<file>.lock`, so concurrent processes never lose each other's change. */
export function updateJsonObject(
  file: string,
  change: (data: Record<string, unknown>) => Record<string, unknown>,
): void {
  makePrivateFolders(dirname(file))
  withFileLockSync(`${file}.lock`, () => writeJsonObject(file, change(readJsonObject(file))))
}

/** Creates `dir` and any missing parents as 0700, whatever the umask; existing folders stay as they are. */
export function makePrivateFolders(dir: string): void {
  const created = mkdirSync(dir, {recursive: true, mode: 0o700})
  if (created === undefined) return
  // mkdir's mode is masked by the umask (a umask of 0222 would leave 0500): set each created folder.
  let folder = resolve(created)
  chmodSync(folder, 0o700)
  for (const part of relative(folder, resolve(dir)).split(sep).filter(Boolean)) {
    folder = join(folder, part)
    chmodSync(folder, 0o700)
  }
}

/**
 * A secrets file others can read (written by an older client, or copied with a loose umask) is
 * tightened to 0600, and `warn` (the command's stderr) says so. Only a file we own can be changed.
 */
export function tightenSecretFile(file: string, warn: (message: string) => void): void {
  let mode: number
  try {
    const stat = statSync(file)
    if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) return
    mode = stat.mode & 0o777
  } catch {
    return
  }

  if ((mode & 0o077) === 0) return
  chmodSync(file, 0o600)
  warn(`${file} was readable by others (mode ${mode.toString(8)}); it is now 0600`)
}
