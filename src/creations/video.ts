import {classifyMediaInput} from '../api/media-input.js'
import {validationError} from '../errors.js'
import type {CreationSpec} from './types.js'

export interface VideoInput {
  prompt?: string
  image?: string
  /** Seed-era hidden alias of `image` (docs/protocol.md §3.1). */
  'asset-image'?: string
  model?: string
  duration?: number
  quality?: string
  'aspect-ratio'?: string
  seed?: number
  count?: number
  audio?: boolean
  'multi-shot'?: boolean
  'off-peak'?: boolean
}

/** Text or image to video (docs/protocol.md §3.1): `video/t2v`, or `video/i2v` when an image is given. */
export const videoCreation: CreationSpec<VideoInput> = {
  mode: 'video',
  async prepare(input, ctx) {
    if (!input.prompt) throw validationError('--prompt is required')
    const imageValue = input.image ?? input['asset-image']
    const image = imageValue ? classifyMediaInput(input.image ? '--image' : '--asset-image', imageValue) : undefined
    const stored = ctx.storedDefaults('video')
    const {resolveModel, resolveCreationParams} = await import('../catalog/resolve.js')
    const resolved = resolveModel('video', input.model, {stored: stored.model as string | undefined})
    const model = resolved.model as string
    const {values, warnings} = resolveCreationParams(
      'video',
      model,
      {
        quality: input.quality,
        duration: input.duration,
        aspectRatio: input['aspect-ratio'],
        audio: input.audio,
        multiShot: input['multi-shot'],
        offPeak: input['off-peak'] || undefined,
        count: input.count,
        imageCount: image ? 1 : 0,
      },
      {defaults: stored},
    )
    const prompt = await ctx.text(input.prompt)
    return {
      warnings: [...resolved.warnings, ...warnings],
      async plan(planCtx) {
        const body: Record<string, unknown> = {
          prompt,
          model,
          duration: values.duration,
          quality: values.quality,
          create_count: values.count ?? 1,
          ...(image ? {} : {aspect_ratio: values.aspect_ratio}),
          ...(input.seed === undefined ? {} : {seed: input.seed}),
          ...(values.audio ? {audio: 1} : {}),
          ...(values.multi_shot ? {multi_shot: 1} : {}),
          ...(values.off_peak ? {off_peak: 1} : {}),
        }
        if (image) body.customer_img_path = await (await planCtx.media()).image('--image', image)
        return {kind: 'video', path: image ? 'video/i2v' : 'video/t2v', body, idempotent: true}
      },
    }
  },
}
