import {idKeyFor} from './submit.js'
import type {TaskKind} from './tasks.js'
import {statusLabel} from './tasks.js'

/**
 * A finished creation as every creating path prints it (docs/protocol.md §6 "waited"): `create`
 * (alone, or each of the `items` of `--count`), `batch run`, pipeline steps and the MCP tools.
 */
export function finishedItem(kind: TaskKind, id: number, raw: Record<string, unknown>): Record<string, unknown> {
  return {[idKeyFor(kind)]: id, ...completedFields(kind, raw)}
}

function completedFields(kind: TaskKind, raw: Record<string, unknown>): Record<string, unknown> {
  if (kind === 'audio' || kind === 'music') return completedAudio(kind, raw)
  if (kind === 'image') {
    return {
      status: 'completed',
      image_url: raw.image_url ?? null,
      prompt: raw.prompt ?? null,
      model: raw.model ?? null,
      width: raw.output_width ?? null,
      height: raw.output_height ?? null,
      created_at: raw.created_at ?? null,
    }
  }

  return {
    status: 'completed',
    video_url: raw.url ?? null,
    cover_url: raw.first_frame ?? null,
    prompt: raw.prompt ?? null,
    model: raw.model ?? null,
    duration: raw.duration ?? null,
    width: raw.output_width ?? null,
    height: raw.output_height ?? null,
    created_at: raw.created_at ?? null,
  }
}

/** `task status` view of a detail object; `task wait` prints the same once it is completed (docs/protocol.md §3.14). */
export function statusView(kind: TaskKind, id: number, raw: Record<string, unknown>): Record<string, unknown> {
  const code = Number(kind === 'video' ? raw.video_status : kind === 'image' ? raw.image_status : raw.audio_status)
  // One set of labels for every kind (audio's own `status` word is not what scripts match on).
  const base = {id, type: kind === 'music' ? 'audio' : kind, status: statusLabel(code), status_code: code}
  if (kind === 'video') {
    return {
      ...base,
      prompt: raw.prompt ?? null,
      model: raw.model ?? null,
      created_at: raw.created_at ?? null,
      video_url: raw.url ?? null,
      cover_url: raw.first_frame ?? null,
      duration: raw.duration ?? null,
    }
  }

  if (kind === 'image') {
    return {
      ...base,
      prompt: raw.prompt ?? null,
      model: raw.model ?? null,
      created_at: raw.created_at ?? null,
      image_url: raw.image_url ?? null,
    }
  }

  return {
    ...base,
    create_mode: raw.create_mode ?? null,
    prompt: raw.prompt ?? raw.text ?? null,
    model: raw.model ?? null,
    voice_id: raw.voice_id ?? null,
    language_code: raw.language_code ?? null,
    created_at: raw.created_at ?? null,
    audio_url: raw.url ?? raw.audio_url ?? null,
    duration: raw.duration ?? null,
  }
}

/** Voice (`audio`) and music results (docs/protocol.md §6 "voice done" / "music done"). */
function completedAudio(kind: 'audio' | 'music', raw: Record<string, unknown>): Record<string, unknown> {
  const common = {
    status: 'completed',
    audio_url: raw.audio_url ?? raw.url ?? null,
    duration: raw.duration ?? null,
    file_size: raw.file_size ?? null,
    format: raw.format ?? null,
  }
  if (kind === 'audio') {
    return {
      ...common,
      sample_rate: raw.sample_rate ?? null,
      bitrate: raw.bitrate ?? null,
      channel: raw.channel ?? null,
      // The service describes the voice at the top level of the detail (docs/protocol.md §9).
      voice: {
        voice_id: raw.voice_id ?? null,
        provider_voice_id: raw.provider_voice_id ?? null,
        name: raw.voice_name ?? null,
        provider: raw.provider ?? null,
      },
      model: raw.model ?? null,
      language_code: raw.language_code ?? null,
      credits: raw.credits ?? null,
      created_at: raw.created_at ?? null,
    }
  }

  return {
    asset_id: raw.asset_id ?? null,
    asset_type: raw.asset_type ?? null,
    asset_source: raw.asset_source ?? null,
    create_mode: raw.create_mode ?? null,
    ...common,
    audio_status: raw.audio_status ?? null,
    audio_path: raw.audio_path ?? null,
    provider: raw.provider ?? null,
    model: raw.model ?? null,
    prompt: raw.prompt ?? null,
    lyrics: raw.lyrics ?? null,
    instrumental: raw.instrumental ?? null,
    auto_lyrics: raw.auto_lyrics ?? null,
    credits: raw.credits ?? null,
    created_at: raw.created_at ?? null,
  }
}
