/** Detail objects (docs/protocol.md §4.3, §4.5), built from a task and the current origin. */
import {mediaUrl} from './http.js'
import type {Task} from './store.js'
import {taskClock} from './tasks.js'

export const videoPath = (id: number) => `video/${id}.mp4`
export const imagePath = (id: number) => `image/${id}.png`
export const audioPath = (id: number) => `audio/${id}.mp3`
export const framePath = (id: number, which: 'first' | 'last') => `frames/${id}_${which}.jpg`

const FAIL_REASON: Record<number, string> = {7: 'Content did not pass moderation', 8: 'Generation failed'}

export function videoDetail(task: Task, origin: string, now: number): Record<string, unknown> {
  const clock = taskClock(task, now)
  const done = clock.status === 1
  return {
    video_id: task.id,
    video_status: clock.status,
    ...(done
      ? {
          url: mediaUrl(origin, videoPath(task.id)),
          first_frame: mediaUrl(origin, framePath(task.id, 'first')),
          last_frame: mediaUrl(origin, framePath(task.id, 'last')),
          video_path: videoPath(task.id),
          frame_path: framePath(task.id, 'first'),
        }
      : {}),
    prompt: task.prompt,
    model: task.model,
    duration: task.duration,
    output_width: task.width,
    output_height: task.height,
    aspect_ratio: task.aspectRatio,
    created_at: new Date(task.createdAt).toISOString(),
    quality: task.quality,
    platform: 'web',
    create_mode: task.mode,
    asset_id: task.id,
    off_peak: task.offPeak,
    ...(clock.queueData ? {queue_data: clock.queueData} : {}),
    ...(clock.terminal && !done ? {fail_reason: FAIL_REASON[clock.status]} : {}),
  }
}

export function imageDetail(task: Task, origin: string, now: number): Record<string, unknown> {
  const clock = taskClock(task, now)
  const done = clock.status === 1
  return {
    image_id: task.id,
    image_status: clock.status,
    ...(done ? {image_url: mediaUrl(origin, imagePath(task.id)), image_path: imagePath(task.id)} : {}),
    prompt: task.prompt,
    model: task.model,
    quality: task.quality,
    aspect_ratio: task.aspectRatio,
    output_width: task.width,
    output_height: task.height,
    created_at: new Date(task.createdAt).toISOString(),
    create_mode: task.mode,
    asset_id: task.id,
    platform: 'web',
    off_peak: task.offPeak,
    ...(clock.queueData ? {queue_data: clock.queueData} : {}),
    ...(clock.terminal && !done ? {fail_reason: FAIL_REASON[clock.status]} : {}),
  }
}

/** Voice and music detail: the `Resp.audio` object; status "finish" is the done signal. */
export function audioDetail(
  task: Task,
  origin: string,
  now: number,
  fileSize: number,
  seconds: number,
): Record<string, unknown> {
  const clock = taskClock(task, now)
  const done = clock.status === 1
  const p = task.params
  const common = {
    audio_id: task.id,
    asset_id: task.id,
    asset_type: 2,
    asset_source: 1,
    create_mode: task.mode,
    status: done ? 'finish' : clock.terminal ? 'failed' : clock.status === 10 ? 'processing' : 'pending',
    audio_status: clock.status,
    model: task.model,
    prompt: task.prompt,
    credits: task.cost,
    created_at: new Date(task.createdAt).toISOString(),
    ...(done
      ? {
          url: mediaUrl(origin, audioPath(task.id)),
          audio_url: mediaUrl(origin, audioPath(task.id)),
          audio_path: audioPath(task.id),
          duration: seconds,
          file_size: fileSize,
          format: 'mp3',
          sample_rate: 44100,
          bitrate: 48000,
          channel: 1,
        }
      : {}),
    ...(clock.queueData ? {queue_data: clock.queueData} : {}),
    ...(clock.terminal && !done ? {fail_reason: FAIL_REASON[clock.status]} : {}),
  }
  if (task.mode === 'tts') {
    return {
      ...common,
      text: task.prompt,
      voice_id: p.voice_id ?? null,
      language_code: p.language_code ?? 'auto',
      // The voice is described at the top level of the detail, as the service answers (docs/protocol.md §9).
      voice_name: typeof p.voice_id === 'string' ? p.voice_id : 'Custom voice',
      provider: String(task.model).startsWith('eleven') ? 'elevenlabs' : 'minimax',
      provider_voice_id: p.provider_voice_id ?? null,
    }
  }
  return {
    ...common,
    provider: task.model.startsWith('lyria') ? 'google' : task.model === 'music-v1' ? 'elevenlabs' : 'minimax',
    lyrics: p.lyrics ?? '',
    instrumental: p.instrumental === true,
    auto_lyrics: p.auto_lyrics === true,
  }
}
