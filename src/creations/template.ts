import {classifyMediaInput} from '../api/media-input.js'
import {validationError} from '../errors.js'
import type {MediaResolver, VideoBundle} from '../api/media-resolver.js'
import {lastFrameUrl} from './extend.js'
import * as Flags from '@oclif/core/flags'

import * as flag from '../base/creation-flags.js'
import * as media from '../base/media-flags.js'
import {classifyAll, decodeUri, optionalFields, resolveParams} from './common.js'
import {defineCreation} from './define.js'

interface TemplateDetail {
  template_id: number
  template_type?: number
  effect_type?: number
  supported_features?: number
  video_base_cost?: number
  fixed_cost?: number
  template_model?: string
  duration?: number
  display_prompt?: string
}

/** Template fields an image template keeps when it goes to `image/i2i` (docs/protocol.md §3.13). */
const IMAGE_TEMPLATE_KEYS = [
  'template_id',
  'model',
  'quality',
  'aspect_ratio',
  'create_count',
  'seed',
  'customer_img_path',
  'customer_img_paths',
  'off_peak',
  'template_type',
  'effect_type',
  'customer_img_count',
]

/**
 * Create from an effect template (docs/protocol.md §3.13). The template decides what it takes
 * (`effect_type`: 0 text only, 1 one image — or one video with `supported_features` 1000 —,
 * N exactly N images) and whether the result is a video or an image, so it is read first.
 */
export const templateCreation = defineCreation({
  mode: 'template',
  flags: {
    'template-id': media.integer('--template-id', {description: 'The template to use. Required', min: 1}),
    image: Flags.string({
      description: 'Input images, as many as the template takes: local files, https URLs, image ids or media paths.',
      multiple: true,
    }),
    video: media.video({description: 'Input video (templates that accept one)'}),
    prompt: flag.prompt({description: "Override the template's prompt"}),
    quality: flag.quality('template'),
    duration: flag.duration(),
    'aspect-ratio': flag.aspectRatio('template'),
    seed: flag.seed(),
    count: flag.count(),
    'off-peak': flag.offPeak(),
    'idempotency-key': flag.idempotencyKey(),
  },
  required: ['template-id'],
  hints: {'template-id': 'find one with `pixverse template list`'},
  async prepare(input, ctx) {
    const id = input['template-id'] as number
    const images = classifyAll('--image', input.image)
    const video = input.video === undefined ? undefined : classifyMediaInput('--video', input.video)
    if (video && images.length > 0) throw validationError('Use either --image or --video with a template, not both')
    // The template look-up comes before the uploads: check local files now, so a bad one sends nothing.
    const {checkLocalMedia} = await import('../api/upload.js')
    for (const image of images) if (image.form === 'file') checkLocalMedia('--image', image.value, 'image')
    if (video?.form === 'file') checkLocalMedia('--video', video.value, 'video')
    const {values, warnings} = await resolveParams('template', input, ctx)
    const prompt = input.prompt === undefined ? undefined : await ctx.text(input.prompt)
    return {
      warnings,
      async plan(planCtx) {
        const t = await planCtx.api().post<TemplateDetail>('template/detail', {template_id: id})
        const effect = Number(t.effect_type ?? 0)
        const takesVideo = effect === 1 && Number(t.supported_features) === 1000
        checkInputs(id, effect, takesVideo, images.length, video !== undefined)
        const isImage = Number(t.template_type) === 2
        const body: Record<string, unknown> = {
          template_id: t.template_id ?? id,
          template_type: t.template_type ?? 1,
          effect_type: effect,
          supported_features: t.supported_features ?? 0,
          video_base_cost: t.video_base_cost ?? 20,
          fixed_cost: t.fixed_cost ?? (isImage ? 20 : 0),
          model: t.template_model || 'v5.5',
          quality: values.quality,
          ...(isImage ? {} : {duration: values.duration ?? t.duration ?? 5}),
          create_count: values.count ?? 1,
          ...(effect > 0 ? {customer_img_count: effect} : {}),
          prompt: prompt ?? t.display_prompt ?? '',
          ...(values.aspect_ratio ? {aspect_ratio: values.aspect_ratio} : {}),
          ...optionalFields(values, input.seed),
        }
        const media = await planCtx.media()
        if (images.length > 0) {
          const paths = await Promise.all(images.map((m) => media.image('--image', m)))
          // Image templates take an array even for one image (docs/protocol.md §9); video templates one path.
          if (paths.length === 1 && !isImage) body.customer_img_path = paths[0]
          else body.customer_img_paths = paths
        }

        if (video) {
          const bundle = await media.video('--video', video)
          Object.assign(body, {
            customer_video_path: bundle.customer_video_path,
            ...(bundle.customer_video_url ? {customer_video_url: bundle.customer_video_url} : {}),
            ...(bundle.customer_video_duration === undefined
              ? {}
              : {customer_video_duration: bundle.customer_video_duration}),
            ...(bundle.original_video_id === undefined ? {} : {original_video_id: bundle.original_video_id}),
            customer_video_last_frame_url: decodeUri(await templateLastFrame(media, bundle)),
          })
        }

        if (isImage) {
          const filtered = Object.fromEntries(Object.entries(body).filter(([k]) => IMAGE_TEMPLATE_KEYS.includes(k)))
          return {kind: 'image', path: 'image/i2i', body: filtered, idempotent: true}
        }

        const path = video ? 'video/extend' : images.length > 0 ? 'video/i2v' : 'video/t2v'
        return {kind: 'video', path, body, idempotent: true}
      },
    }
  },
})

/**
 * A video template continues from the video's real last frame, asked of `video/frame/last` as the
 * reference client does (docs/protocol.md §9), not from the first-frame quirk `create extend` keeps.
 */
async function templateLastFrame(media: MediaResolver, bundle: VideoBundle): Promise<string> {
  if (bundle.customer_video_last_frame_url) return bundle.customer_video_last_frame_url
  const target =
    bundle.original_video_id === undefined
      ? {video_path: bundle.customer_video_path}
      : {video_id: bundle.original_video_id}
  const last = await media.lastFrame(target)
  if (typeof last?.last_frame === 'string' && last.last_frame) return last.last_frame
  return lastFrameUrl(media, bundle)
}

/** The template's own input count is the rule (exit 6, before any upload). */
function checkInputs(id: number, effect: number, takesVideo: boolean, images: number, hasVideo: boolean): void {
  if (hasVideo && !takesVideo)
    throw validationError(`Template ${id} does not take a video (--video); it takes ${describe(effect, false)}.`)
  if (hasVideo) return
  if (images !== effect && !(takesVideo && images === 1)) {
    throw validationError(`Template ${id} takes ${describe(effect, takesVideo)}; got ${images} (--image).`)
  }
}

/** What a template takes, in words (also `template info`). */
export function describe(effect: number, takesVideo: boolean): string {
  if (effect === 0) return 'no image (text only)'
  if (takesVideo) return 'exactly one image (--image) or one video (--video)'
  return `exactly ${effect} image${effect === 1 ? '' : 's'} (--image)`
}
