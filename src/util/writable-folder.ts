import {type Stats, accessSync, constants, statSync} from 'node:fs'
import {dirname, resolve} from 'node:path'

import {validationError} from '../errors.js'

/**
 * Refuses (exit 6, before any request) a folder the CLI could never create or write into because
 * it, or a folder above it, is a regular file. Checked up front so a download or a paid creation
 * never fails only at the moment its file is saved. `label` names the input (`--dest`, `--output`),
 * `given` is the value as the user typed it (when `folder` was derived from it).
 */
export function assertFolderWritable(folder: string, label: string, given = folder): void {
  let probe = resolve(folder)
  for (;;) {
    const stat = statOrNothing(probe)
    if (stat) {
      if (!stat.isDirectory()) throw validationError(`Invalid ${label} "${given}": ${probe} is a file, not a folder`)
      // The nearest folder that exists is where the rest would be made: it must take new entries.
      try {
        accessSync(probe, constants.W_OK | constants.X_OK)
      } catch {
        throw validationError(`Invalid ${label} "${given}": ${probe} is not writable`)
      }

      return
    }

    const parent = dirname(probe)
    if (parent === probe) return
    probe = parent
  }
}

/** Missing, or under a file (ENOTDIR): either way, look at the folder above. */
function statOrNothing(path: string): Stats | undefined {
  try {
    return statSync(path, {throwIfNoEntry: false})
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined
    throw error
  }
}
