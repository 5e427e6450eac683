import {existsSync, readdirSync} from 'node:fs'
import {join, resolve} from 'node:path'

import {validationError} from '../errors.js'
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
    throw validationError(`--out ${given} already holds files that no pipeline run wrote (no ${STATE_FILE}); choose an empty or new folder`)
  }
}
