/** Video generation, detail, download and frame endpoints (docs/protocol.md §3.1, §3.3–3.12, §4.5, §5.3). */
import {VIDEO_QUALITIES} from '../catalog-data.js'
import {type Ctx, type RouteTable, idParam, int, invalidParam, isMediaPath, mediaUrl, str, strArray} from '../http.js'
import {submit, videoResp, type Prepared} from '../creations.js'
import {framePath, videoDetail, videoPath} from '../details.js'
import {FLAT_COST, videoCost} from '../tasks.js'
import {detailRoute, downloadRoute} from './task-routes.js'

const QUALITIES = VIDEO_QUALITIES

function quality(body: Record<string, unknown>, fallback: string): string {
  const q = str(body, 'quality') ?? fallback
  if (!QUALITIES.includes(q)) throw invalidParam(`quality "${q}" is not one of ${QUALITIES.join(', ')}`)
  return q
}

function duration(body: Record<string, unknown>, fallback = 5): number {
  return int(body, 'duration', {min: 1, max: 30}) ?? fallback
}

function aspect(body: Record<string, unknown>): string {
  const a = str(body, 'aspect_ratio') ?? '16:9'
  if (!/^\d+:\d+$/.test(a)) throw invalidParam(`aspect_ratio "${a}" must look like 16:9`)
  return a
}

function mediaPathField(body: Record<string, unknown>, field: string, required = true): string | undefined {
  const value = str(body, field, {required, nonEmpty: required})
  if (value !== undefined && !isMediaPath(value))
    throw invalidParam(`${field} "${value}" is not a media path (upload the file first)`)
  return value
}

/** Video-input bundle (§3.0): a media path, or original_video_id of a sandbox video. */
function videoInput(body: Record<string, unknown>): void {
  if (body.original_video_id !== undefined) idParam(body.original_video_id, 'original_video_id')
  if (body.customer_video_path === undefined && body.original_video_id === undefined)
    throw invalidParam('customer_video_path is required')
  if (body.customer_video_path !== undefined) mediaPathField(body, 'customer_video_path')
}

function video(
  mode: string,
  body: Record<string, unknown>,
  opts: {prompt?: 'required' | 'optional'; model?: boolean; defaultQuality?: string; cost?: number} = {},
): Prepared {
  const prompt = str(body, 'prompt', {required: opts.prompt === 'required', nonEmpty: opts.prompt === 'required'}) ?? ''
  const model = str(body, 'model', {required: opts.model !== false, nonEmpty: opts.model !== false}) ?? 'v5.6'
  const q = quality(body, opts.defaultQuality ?? '720p')
  const d = duration(body)
  return {
    kind: 'video',
    mode,
    prompt,
    model,
    quality: q,
    duration: d,
    aspectRatio: aspect(body),
    costEach: opts.cost ?? videoCost(q, d),
  }
}

const templateMode = (body: Record<string, unknown>, mode: string) => (body.template_id === undefined ? mode : 'effect')

function submitRoute(endpoint: string, prepare: (body: Record<string, unknown>) => Prepared) {
  return {
    method: 'POST' as const,
    auth: true,
    handler: (ctx: Ctx) => submit(ctx, endpoint, prepare(ctx.body), videoResp),
  }
}

/** Frame endpoints return fixture-backed frames named after the source, for any video. */
function frameSource(body: Record<string, unknown>): string {
  if (body.video_id !== undefined) return `v${idParam(body.video_id, 'video_id')}`
  const p = mediaPathField(body, 'video_path')!
  return 'p' + Buffer.from(p).toString('base64url').slice(0, 40)
}

export const videoRoutes: RouteTable = {
  'video/t2v': submitRoute('video/t2v', (b) => video(templateMode(b, 'text_video'), b, {prompt: 'required'})),
  'video/i2v': submitRoute('video/i2v', (b) => {
    if (b.customer_img_path === undefined && typeof b.customer_img_url === 'string')
      return video('image_text', b, {prompt: 'optional'})
    // Templates of N images send customer_img_paths (docs/protocol.md §3.13).
    if (b.template_id !== undefined && Array.isArray(b.customer_img_paths))
      strArray(b, 'customer_img_paths', {required: true, min: 1})
    else mediaPathField(b, 'customer_img_path')
    return video(templateMode(b, 'image_text'), b, {prompt: 'optional'})
  }),
  'video/frames': submitRoute('video/frames', (b) => {
    strArray(b, 'customer_img_paths', {required: true, min: 2})
    return video('transition', b, {prompt: 'optional'})
  }),
  'video/extend': submitRoute('video/extend', (b) => {
    videoInput(b)
    return video(templateMode(b, 'extend'), b, {prompt: 'optional', defaultQuality: '540p'})
  }),
  'video/modify': submitRoute('video/modify', (b) => {
    videoInput(b)
    return video('modify', b, {prompt: 'required'})
  }),
  'video/upscale': submitRoute('video/upscale', (b) => {
    videoInput(b)
    return video('upscale', b, {model: false, defaultQuality: '2160p', cost: FLAT_COST.upscale})
  }),
  'video/fusion': submitRoute('video/fusion', (b) => {
    strArray(b, 'customer_img_paths', {required: true, min: 1})
    return video('fusion', b, {prompt: 'required'})
  }),
  'video/mimic': submitRoute('video/mimic', (b) => {
    strArray(b, 'customer_img_paths', {required: true, min: 1})
    videoInput(b)
    return video('mimic', b, {prompt: 'optional'})
  }),
  'video/lip_sync': submitRoute('video/lip_sync', (b) => {
    videoInput(b)
    if (b.customer_lip_sync_audio_path === undefined && b.lip_sync_tts_content === undefined) {
      throw invalidParam('customer_lip_sync_audio_path or lip_sync_tts_content is required')
    }
    return video('lip_sync', b, {prompt: 'optional', model: false})
  }),
  'video/sound_effect': submitRoute('video/sound_effect', (b) => {
    videoInput(b)
    const content = str(b, 'sound_effect_content', {required: true, nonEmpty: true})!
    return {...video('sound_effect', b, {prompt: 'optional', model: false}), prompt: content}
  }),
  'video/mimic/precheck': {
    method: 'POST',
    auth: true,
    handler: (ctx) => {
      const paths = strArray(ctx.body, 'paths', {required: true, min: 1})!
      // A sandbox convention: an image whose path mentions "nobody" has no person to animate.
      const pass = !paths.some((p) => p.toLowerCase().includes('nobody'))
      return {pass, result: pass ? 1 : 0, type: ctx.body.type ?? 1}
    },
  },
  'video/list/detail': detailRoute('video', videoDetail),
  'video/download': downloadRoute('video', videoPath),
  'video/frame/at_time': {
    method: 'POST',
    auth: true,
    handler: (ctx) => {
      const source = frameSource(ctx.body)
      const ms = int(ctx.body, 'time_ms', {min: 0}) ?? 0
      const p = `frames/${source}_${ms}.jpg`
      return {frame_url: mediaUrl(ctx.origin, p), frame_path: p, time_ms: ms}
    },
  },
  'video/frame/last': {
    method: 'POST',
    auth: true,
    handler: (ctx) => {
      const source = frameSource(ctx.body)
      const p = source.startsWith('v') ? framePath(Number(source.slice(1)), 'last') : `frames/${source}_last.jpg`
      return {
        last_frame: mediaUrl(ctx.origin, p),
        last_frame_path: p,
        frame_url: mediaUrl(ctx.origin, p),
        frame_path: p,
      }
    },
  },
}
