import type {ApiClient} from './client.js'

/** What has a detail to look up: a video, an image, a voice (`audio`) or a song (`music`). */
export type DetailKind = 'video' | 'image' | 'audio' | 'music'

/** An audio's origin: 1 = created by the service (`audio_id`), 0 = uploaded by the user (`asset_id`). */
export type AudioSource = 0 | 1

/**
 * The one look-up of an item's detail by kind (docs/protocol.md §3.14, §3.15, §4.3): the endpoint
 * and query of each kind live here only, and audio answers are unwrapped from their `audio` field.
 * Polls, `asset info` and media inputs given as ids all ask this function.
 */
export async function fetchDetail(
  client: ApiClient,
  kind: DetailKind,
  id: number,
  source: AudioSource = 1,
): Promise<Record<string, unknown>> {
  switch (kind) {
    case 'video':
      return client.post('video/list/detail', {video_id: id})
    case 'image':
      return client.post('image/detail', {image_id: id})
    case 'audio':
      return unwrapAudio(
        await client.get(
          'audio/detail',
          source === 1 ? {asset_source: 1, audio_id: id} : {asset_source: 0, asset_id: id},
        ),
      )
    case 'music':
      return unwrapAudio(await client.get('music/detail', {audio_id: id}))
  }
}

function unwrapAudio(resp: Record<string, unknown>): Record<string, unknown> {
  const audio = resp?.audio
  return audio && typeof audio === 'object' ? (audio as Record<string, unknown>) : resp
}
