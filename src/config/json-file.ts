import {chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs'
import {dirname} from 'node:path'

import {CliError, ExitCode} from '../errors.js'

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

/** Writes atomically (temp file + rename) with owner-only permissions in an owner-only folder. */
export function writeJsonObject(file: string, value: Record<string, unknown>): void {
  const dir = dirname(file)
  mkdirSync(dir, {recursive: true, mode: 0o700})
  try {
    chmodSync(dir, 0o700)
  } catch {
    // not our folder to change (e.g. a shared PIXVERSE_HOME); the file itself stays 0600
  }

  const temp = `${file}.${process.pid}.tmp`
  writeFileSync(temp, JSON.stringify(value, null, '\t') + '\n', {mode: 0o600})
  renameSync(temp, file)
  chmodSync(file, 0o600)
}
