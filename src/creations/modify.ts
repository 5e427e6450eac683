import {classifyMediaInput} from '../api/media-input.js'
import {type CreationModelSpec, modelSpec} from '../catalog/index.js'
import {validationError} from '../errors.js'
import {bundleFields, classifyAll, optionalFields, required, resolveParams, sourceQuality} from './common.js'
import type {CreationSpec} from './types.js'

export interface ModifyInput {
  video?: string
  prompt?: string
  images?: string[]
  'keyframe-time'?: number
  model?: string
  quality?: string
  seed?: number
  count?: number
  'off-peak'?: boolean
}

/** Modify a video from a key frame (docs/protocol.md §3.9): `video/modify` with `cut_time_ms` and its frame. */
export const modifyCreation: CreationSpec<ModifyInput> = {
  mode: 'modify',
  async prepare(input, ctx) {
    const video = classifyMediaInput('--video', required(input.video, '--video'))
    required(input.prompt, '--prompt')
    const images = classifyAll('--images', input.images)
    const keyframe = input['keyframe-time'] ?? 0
    if (!Number.isInteger(keyframe) || keyframe < 0)
      throw validationError(`Invalid --keyframe-time value: "${keyframe}" (must be an integer ≥ 0, in milliseconds)`)
    const {model, values, warnings} = await resolveParams(
      'modify',
      input.model,
      {quality: input.quality, offPeak: input['off-peak'] || undefined, count: input.count, imageCount: images.length},
      ctx,
    )
    const prompt = await ctx.text(input.prompt as string)
    const spec = modelSpec('modify', model as string) as CreationModelSpec
    return {
      warnings,
      async plan(planCtx) {
        const media = await planCtx.media()
        const bundle = await media.video('--video', video)
        const seconds = bundle.customer_video_duration
        if (seconds !== undefined && keyframe > seconds * 1000) {
          throw validationError(`--keyframe-time ${keyframe} ms is past the end of --video (${seconds * 1000} ms)`)
        }

        const target =
          bundle.original_video_id === undefined
            ? {video_path: bundle.customer_video_path}
            : {video_id: bundle.original_video_id}
        const frame = await media.frameAt(target, keyframe)
        const paths = await Promise.all(images.map((m) => media.image('--images', m)))
        const body: Record<string, unknown> = {
          ...bundleFields(bundle),
          model,
          prompt,
          quality: sourceQuality(input.quality, bundle, values.quality, spec.qualities),
          create_count: values.count ?? 1,
          cut_time_ms: keyframe,
          ...(typeof frame?.frame_path === 'string' ? {key_frame_path: frame.frame_path} : {}),
          ...(paths.length > 0 ? {customer_img_paths: paths} : {}),
          ...optionalFields(values, input.seed),
        }
        return {kind: 'video', path: 'video/modify', body, idempotent: true}
      },
    }
  },
}
