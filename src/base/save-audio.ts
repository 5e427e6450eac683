import {existsSync, statSync} from 'node:fs'
import {basename, dirname, extname} from 'node:path'

import {CliError, ExitCode} from '../errors.js'

/**
 * `create voice|music --output`: downloads the finished audio from its URL (api.md §5.3) to a file
 * (a path with an extension) or into a folder, and returns the absolute path for `local_path`.
 */
export async function saveAudio(result: Record<string, unknown>, output: string): Promise<string> {
  const url = result.audio_url
  const id = result.audio_id
  if (typeof url !== 'string' || !url) throw new CliError(`Audio ${String(id)} has no URL to download`, {exitCode: ExitCode.General})
  const {defaultFileName, downloadFile} = await import('../api/download.js')
  const isDir = (existsSync(output) && statSync(output).isDirectory()) || extname(output) === ''
  if (isDir) return downloadFile(url, output, defaultFileName('audio', String(id), url, 'mp3'))
  return downloadFile(url, dirname(output), basename(output))
}
