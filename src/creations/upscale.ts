import {classifyMediaInput} from '../api/media-input.js'
import {bundleFields, required, resolveParams} from './common.js'
import type {CreationSpec} from './types.js'

export interface UpscaleInput {
  video?: string
  quality?: string
}

/** Upscale a video (docs/protocol.md §3.10): `video/upscale` with `upscale: 1` and the target quality. */
export const upscaleCreation: CreationSpec<UpscaleInput> = {
  mode: 'upscale',
  async prepare(input, ctx) {
    const video = classifyMediaInput('--video', required(input.video, '--video'))
    const {values, warnings} = await resolveParams('upscale', undefined, {quality: input.quality}, ctx)
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
}
