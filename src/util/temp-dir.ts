import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

const live = new Set<string>()
let hooked = false

/**
 * A private (0700) folder for a temporary file: a resized upload, fetched remote media. The caller
 * removes it when done (`removeTempDir`); whatever is left when the process exits, on success or
 * failure, is removed then.
 */
export function makeTempDir(prefix: string): string {
  if (!hooked) process.once('exit', removeAll)
  hooked = true
  const dir = mkdtempSync(join(tmpdir(), prefix))
  live.add(dir)
  return dir
}

export function removeTempDir(dir: string): void {
  if (!live.delete(dir)) return // never remove a folder this module did not create
  rmSync(dir, {recursive: true, force: true})
}

function removeAll(): void {
  for (const dir of [...live]) removeTempDir(dir)
}
