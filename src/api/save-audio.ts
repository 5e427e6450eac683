import {existsSync, statSync} from 'node:fs'
import {basename, dirname, extname} from 'node:path'

import {CliError, ExitCode} from '../errors.js'
import {assertFolderWritable} from '../util/writable-folder.js'

/**
 * `create voice|music --output`: downloads the finished audio from its URL (docs/protocol.md §5.3) to a file
 * (a path with an extension) or into a folder, and returns the absolute path for `local_path`.
 */
export async function saveAudio(result: Record<string, unknown>, output: string): Promise<string> {
  const url = result.audio_url
  const id = result.audio_id
  if (typeof url !== 'string' || !url)
    throw new CliError(`Audio ${String(id)} has no URL to download`, {exitCode: ExitCode.General})
  const {defaultFileName, downloadFile} = await import('./download.js')
  if (isFolderTarget(output)) return downloadFile(url, output, defaultFileName('audio', String(id), url, 'mp3'))
  return downloadFile(url, dirname(output), basename(output))
}

/** A folder (existing, or a path without an extension) gets a default file name inside it. */
function isFolderTarget(output: string): boolean {
  return (existsSync(output) && statSync(output).isDirectory()) || extname(output) === ''
}

/** `--output` that can never be written (under a regular file) is exit 6 before the creation is paid for. */
export function assertAudioOutput(output: string | undefined): void {
  if (output === undefined) return
  assertFolderWritable(isFolderTarget(output) ? output : dirname(output), '--output', output)
}
