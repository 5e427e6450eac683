import {classifyMediaInput} from '../api/media-input.js'
import * as flag from '../base/creation-flags.js'
import * as media from '../base/media-flags.js'
import {bundleFields, resolveParams} from './common.js'
import {defineCreation} from './define.js'

/** Upscale a video (docs/protocol.md §3.10): `video/upscale` with `upscale: 1` and the target quality. */
export const upscaleCreation = defineCreation({
  mode: 'upscale',
  flags: {
    video: media.video({description: 'The video to upscale. Required'}),
    quality: flag.quality('upscale'),
    'idempotency-key': flag.idempotencyKey(),
  },
  required: ['video'],
  async prepare(input, ctx) {
    const video = classifyMediaInput('--video', input.video as string)
    const {values, warnings} = await resolveParams('upscale', input, ctx)
    return {
      warnings,
      async plan(planCtx) {
        const bundle = await (await planCtx.media()).video('--video', video)
        // For a video id the service only needs the id and its path; other inputs send the bundle.
        const source =
          bundle.original_video_id === undefined
            ? bundleFields(bundle)
            : {original_video_id: bundle.original_video_id, customer_video_path: bundle.customer_video_path}
        const body: Record<string, unknown> = {
          upscale: 1,
          quality: values.quality,
          ...source,
          platform: bundle.source?.platform ?? 'web',
        }
        return {kind: 'video', path: 'video/upscale', body, idempotent: true}
      },
    }
  },
})
