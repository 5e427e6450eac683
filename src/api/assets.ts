import type {ApiClient} from './client.js'
import {fetchDetail} from './detail.js'
import {type KindLookup, findKind} from './find-kind.js'

export type AssetType = 'video' | 'image' | 'audio'

export interface AssetDetail {
  type: AssetType
  /** 1 = created, 0 = uploaded (audio only tells them apart). */
  source?: 0 | 1
  raw: Record<string, unknown>
}

/**
 * Finds an asset by id (docs/protocol.md §3.15 `info`): the given type, or video → image → audio created →
 * audio uploaded. Uploaded images and videos have no detail to look up, so their ids are found by none.
 */
export async function findAsset(client: ApiClient, id: number, type?: AssetType, source?: 0 | 1): Promise<AssetDetail> {
  const lookups: Array<KindLookup<AssetDetail>> = []
  const add = (kind: string, asset: Omit<AssetDetail, 'raw'>) =>
    lookups.push({
      kind,
      look: async () => {
        const raw = await fetchDetail(client, asset.type, id, asset.source)
        return raw && typeof raw === 'object' ? {...asset, raw} : undefined
      },
    })
  if (!type || type === 'video') add('video', {type: 'video'})
  if (!type || type === 'image') add('image', {type: 'image'})
  if (!type || type === 'audio') {
    if (source !== 0) add('created audio', {type: 'audio', source: 1})
    if (source !== 1) add('uploaded audio', {type: 'audio', source: 0})
  }

  return findKind(
    id,
    lookups,
    '`pixverse asset list` shows your asset ids (`--type image|audio`); uploaded images and videos have no look-up' +
      ' by id: `pixverse asset list --source upload` shows them with their URLs.',
  )
}
