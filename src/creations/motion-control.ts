import {classifyMediaInput} from '../api/media-input.js'
import {validationError} from '../errors.js'
import {bundleFields, optionalFields, required, resolveParams} from './common.js'
import type {CreationSpec} from './types.js'

export interface MotionControlInput {
  image?: string
  video?: string
  model?: string
  quality?: string
  count?: number
  'off-peak'?: boolean
}

/**
 * Animate a character with the motion of a video (docs/protocol.md §3.12): the image is checked by
 * `video/mimic/precheck` first (a refusal is exit 6), then `video/mimic`.
 */
export const motionControlCreation: CreationSpec<MotionControlInput> = {
  mode: 'motion_control',
  async prepare(input, ctx) {
    const image = classifyMediaInput('--image', required(input.image, '--image'))
    const video = classifyMediaInput('--video', required(input.video, '--video'))
    const {model, values, warnings} = await resolveParams(
      'motion_control',
      input.model,
      {quality: input.quality, offPeak: input['off-peak'] || undefined, count: input.count, imageCount: 1},
      ctx,
    )
    return {
      warnings,
      async plan(planCtx) {
        const media = await planCtx.media()
        const path = await media.image('--image', image)
        const check = await planCtx
          .api()
          .post<{pass?: boolean; result?: number}>('video/mimic/precheck', {paths: [path], type: 1})
        if (!check?.pass || !check.result) {
          throw validationError(
            '--image did not pass the character check: use a clear half- or full-body picture of one person',
          )
        }

        const bundle = await media.video('--video', video)
        const body: Record<string, unknown> = {
          customer_img_paths: [path],
          img_detection_result: check.result,
          video_detection_result: 1,
          model,
          quality: values.quality,
          create_count: values.count ?? 1,
          ...bundleFields(bundle),
          ...optionalFields(values, undefined),
        }
        return {kind: 'video', path: 'video/mimic', body, idempotent: true}
      },
    }
  },
}
