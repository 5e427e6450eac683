import {statSync} from 'node:fs'
import {dirname, resolve} from 'node:path'

import {validationError} from '../errors.js'

/**
 * Refuses (exit 6, before any request) a folder the CLI could never create or write into because
 * it, or a folder above it, is a regular file. Checked up front so a download or a paid creation
 * never fails only at the moment its file is saved. `label` names the input (`--dest`, `--output`).
 */
export function assertFolderWritable(folder: string, label: string): void {
  let probe = resolve(folder)
  for (;;) {
    const stat = statSync(probe, {throwIfNoEntry: false})
    if (stat) {
      if (!stat.isDirectory()) throw validationError(`Invalid ${label} "${folder}": ${probe} is a file, not a folder`)
      return
    }

    const parent = dirname(probe)
    if (parent === probe) return
    probe = parent
  }
}
