import {classifyMediaInput} from '../api/media-input.js'
import type {MediaResolver, VideoBundle} from '../api/media-resolver.js'
import {type CreationModelSpec, modelSpec} from '../catalog/index.js'
import {validationError} from '../errors.js'
import * as flag from '../base/creation-flags.js'
import * as media from '../base/media-flags.js'
import {bundleFields, decodeUri, optionalFields, resolveParams, sourceQuality} from './common.js'
import {defineCreation} from './define.js'

/** Extend a video (docs/protocol.md §3.8): `video/extend` with the video bundle and a last-frame URL. */
export const extendCreation = defineCreation({
  mode: 'extend',
  flags: {
    // `--video-id` is the spelling docs/cli.md §8 uses.
    video: media.video({description: 'The video to extend. Required', aliases: ['video-id']}),
    prompt: flag.prompt({description: 'What happens next'}),
    model: flag.model('extend'),
    quality: flag.quality('extend'),
    ...flag.continuationOptions(),
  },
  required: ['video'],
  async prepare(input, ctx) {
    const video = classifyMediaInput('--video', input.video as string)
    const {model, values, warnings} = await resolveParams('extend', input, ctx)
    const prompt = input.prompt === undefined ? '' : await ctx.text(input.prompt)
    const spec = modelSpec('extend', model as string) as CreationModelSpec
    return {
      warnings,
      async plan(planCtx) {
        const media = await planCtx.media()
        const bundle = await media.video('--video', video)
        const lastFrame = await lastFrameUrl(media, bundle)
        const body: Record<string, unknown> = {
          ...bundleFields(bundle),
          quality: sourceQuality(input.quality, bundle, values.quality, spec.qualities),
          customer_video_last_frame_url: decodeUri(lastFrame),
          model,
          create_count: values.count ?? 1,
          duration: values.duration,
          // The service wants a non-empty prompt; the reference client sends one space.
          prompt: prompt === '' ? ' ' : prompt,
          ...optionalFields(values, input.seed),
        }
        return {kind: 'video', path: 'video/extend', body, idempotent: true}
      },
    }
  },
})

/**
 * The frame to continue from, in the reference client's order (docs/protocol.md §3.8): the bundle's last
 * frame, else its first frame, else a `video/frame/last` look-up, else the detail's frames.
 */
export async function lastFrameUrl(media: MediaResolver, bundle: VideoBundle): Promise<string> {
  if (bundle.customer_video_last_frame_url) return bundle.customer_video_last_frame_url
  if (bundle.customer_video_first_frame_url) return bundle.customer_video_first_frame_url
  if (bundle.original_video_id !== undefined) {
    const last = await media.lastFrame({video_id: bundle.original_video_id})
    if (typeof last?.last_frame === 'string' && last.last_frame) return last.last_frame
  }

  const fromDetail = bundle.source?.lastFrame ?? bundle.source?.firstFrame
  if (fromDetail) return fromDetail
  const byPath = await media.lastFrame({video_path: bundle.customer_video_path})
  if (typeof byPath?.last_frame === 'string' && byPath.last_frame) return byPath.last_frame
  throw validationError('Could not find a frame of --video to extend from (is the video finished?)')
}
