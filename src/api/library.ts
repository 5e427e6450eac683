import type {AssetType} from './assets.js'

/** asset_type on the wire (docs/protocol.md §3.15): 0 image, 1 video, 2 audio. */
export const ASSET_TYPE_CODE: Record<AssetType, number> = {image: 0, video: 1, audio: 2}

/** asset_source on the wire: 1 created, 0 uploaded. */
export type AssetSource = 'create' | 'upload'
export const SOURCE_CODE: Record<AssetSource, number> = {create: 1, upload: 0}

/** The id a user passes back to other commands: video_id ?? image_id ?? audio_id ?? asset_id. */
export function itemId(raw: Record<string, unknown>): unknown {
  return raw.video_id ?? raw.image_id ?? raw.audio_id ?? raw.asset_id ?? null
}
