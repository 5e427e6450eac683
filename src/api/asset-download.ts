import {CliError, ExitCode} from '../errors.js'
import type {AssetType} from './assets.js'
import type {ApiClient} from './client.js'
import {defaultFileName, sanitizeFileName} from './download.js'
import {classify} from './tasks.js'

/**
 * The URL and file name to download a finished asset from (docs/protocol.md §5.3): `video/download` or
 * `image/download` after the detail says it is done, `asset/download` for audio.
 */
export async function assetDownloadUrl(
  api: ApiClient,
  id: number,
  type: AssetType,
  raw: Record<string, unknown>,
): Promise<{url: string; name: string; bytes?: number}> {
  if (type === 'audio') {
    const resp = await api.post<Record<string, unknown>>('asset/download', {
      items: [{asset_id: Number(raw.asset_id ?? id), asset_type: 2, asset_source: 1}],
      remove_watermark: 0,
    })
    const url = String(resp?.url ?? '')
    if (!url)
      throw new CliError(`Audio ${id} cannot be downloaded (uploaded audio is not downloadable)`, {
        exitCode: ExitCode.General,
      })
    // Spaces become `_`, as the reference client names audio files (docs/protocol.md §9).
    const given =
      typeof resp.download_name === 'string' && resp.download_name
        ? sanitizeFileName(resp.download_name.replace(/\s/g, '_'))
        : undefined
    const name = given ?? defaultFileName('audio', id, url, 'mp3')
    return {url, name, bytes: knownSize(raw)}
  }

  const snapshot = classify(type, id, raw)
  if (snapshot.state !== 'done') {
    throw new CliError(`${type} ${id} is not finished yet (status ${snapshot.statusCode})`, {
      exitCode: ExitCode.General,
      hint: `Wait for it with \`pixverse task wait ${id}${type === 'video' ? '' : ` --type ${type}`}\`.`,
    })
  }

  const resp = await api.post<{url?: string}>(`${type}/download`, {[`${type}_id`]: id}, {headers: {Error: 'return'}})
  const url = resp?.url
  if (!url) throw new CliError(`The service returned no download URL for ${type} ${id}`, {exitCode: ExitCode.General})
  return {url, name: defaultFileName(type, id, url, type === 'video' ? 'mp4' : 'png')}
}

/** The size the detail gives (audio has `file_size`): a download larger than that is refused. */
function knownSize(raw: Record<string, unknown>): number | undefined {
  const size = Number(raw.file_size)
  return Number.isSafeInteger(size) && size > 0 ? size : undefined
}
