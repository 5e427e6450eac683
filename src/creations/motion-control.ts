import {classifyMediaInput} from '../api/media-input.js'
import {validationError} from '../errors.js'
import * as flag from '../base/creation-flags.js'
import * as media from '../base/media-flags.js'
import {bundleFields, optionalFields, resolveParams} from './common.js'
import {defineCreation} from './define.js'

/**
 * Animate a character with the motion of a video (docs/protocol.md §3.12): the image is checked by
 * `video/mimic/precheck` first (a refusal is exit 6), then `video/mimic`.
 */
export const motionControlCreation = defineCreation({
  mode: 'motion_control',
  flags: {
    image: flag.image({description: 'The character to animate. Required'}),
    video: media.video({description: 'The motion to copy. Required'}),
    model: flag.model('motion_control'),
    quality: flag.quality('motion_control'),
    count: flag.count(),
    'off-peak': flag.offPeak(),
    'idempotency-key': flag.idempotencyKey(),
  },
  required: ['image', 'video'],
  async prepare(input, ctx) {
    const image = classifyMediaInput('--image', input.image as string)
    const video = classifyMediaInput('--video', input.video as string)
    const {model, values, warnings} = await resolveParams('motion_control', input, ctx, {inputs: {images: 1}})
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
})
