import {classifyMediaInput} from '../api/media-input.js'
import {type CreationModelSpec, modelSpec} from '../catalog/index.js'
import {validationError} from '../errors.js'
import * as flag from '../base/creation-flags.js'
import * as media from '../base/media-flags.js'
import {bundleFields, classifyAll, optionalFields, resolveParams, sourceQuality} from './common.js'
import {defineCreation} from './define.js'

/** Modify a video from a key frame (docs/protocol.md §3.9): `video/modify` with `cut_time_ms` and its frame. */
export const modifyCreation = defineCreation({
  mode: 'modify',
  flags: {
    video: media.video({description: 'The video to modify. Required'}),
    prompt: flag.prompt({required: true}),
    images: flag.images({description: 'Reference images (@image1, @image2, …)'}),
    'keyframe-time': media.integer('--keyframe-time', {
      description: 'Key frame time in milliseconds (0 = first frame). [default: 0]',
      min: 0,
    }),
    model: flag.model('modify'),
    quality: flag.quality('modify'),
    seed: flag.seed(),
    count: flag.count(),
    'off-peak': flag.offPeak(),
    'idempotency-key': flag.idempotencyKey(),
  },
  required: ['video', 'prompt'],
  async prepare(input, ctx) {
    const video = classifyMediaInput('--video', input.video as string)
    const images = classifyAll('--images', input.images)
    const keyframe = input['keyframe-time'] ?? 0
    if (!Number.isInteger(keyframe) || keyframe < 0)
      throw validationError(`Invalid --keyframe-time value: "${keyframe}" (must be an integer ≥ 0, in milliseconds)`)
    const {model, values, warnings} = await resolveParams('modify', input, ctx, {inputs: {images: images.length}})
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
})
