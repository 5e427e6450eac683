import {ExitCode, isCliError} from '../errors.js'
import type {ApiClient} from './client.js'
import {fetchDetail} from './detail.js'
import {isTransient} from './retry.js'

export type AssetType = 'video' | 'image' | 'audio'

export interface AssetDetail {
  type: AssetType
  /** 1 = created, 0 = uploaded (audio only tells them apart). */
  source?: 0 | 1
  raw: Record<string, unknown>
}

/**
 * Finds an asset by id (docs/protocol.md §3.15 `info`): the given type, or video → image → audio created →
 * audio uploaded. Only "not found"-like (general) errors move on; auth or credit errors stop.
 */
export async function findAsset(client: ApiClient, id: number, type?: AssetType, source?: 0 | 1): Promise<AssetDetail> {
  const attempts: Array<() => Promise<AssetDetail>> = []
  if (!type || type === 'video')
    attempts.push(async () => ({type: 'video', raw: await fetchDetail(client, 'video', id)}))
  if (!type || type === 'image')
    attempts.push(async () => ({type: 'image', raw: await fetchDetail(client, 'image', id)}))
  if (!type || type === 'audio') {
    if (source !== 0)
      attempts.push(async () => ({type: 'audio', source: 1, raw: await fetchDetail(client, 'audio', id, 1)}))
    if (source !== 1)
      attempts.push(async () => ({type: 'audio', source: 0, raw: await fetchDetail(client, 'audio', id, 0)}))
  }

  let last: unknown
  for (const attempt of attempts) {
    try {
      const found = await attempt()
      if (found.raw && typeof found.raw === 'object') return found
    } catch (error) {
      // A network failure says nothing about the type: report it rather than try the next one.
      if (!isCliError(error) || error.exitCode !== ExitCode.General || isTransient(error)) throw error
      last = error
    }
  }

  throw last
}
