import * as Flags from '@oclif/core/flags'

import {classifyMediaInput} from '../api/media-input.js'
import * as flag from '../base/creation-flags.js'
import {classifyAll, resolveParams} from './common.js'
import {defineCreation} from './define.js'

/** Text or image(s) to image (docs/protocol.md §3.2): `image/t2i`, or `image/i2i` with `--image`/`--images`. */
export const imageCreation = defineCreation({
  mode: 'image',
  flags: {
    prompt: flag.prompt({required: true}),
    // `--asset-image` is the seed-era spelling.
    image: flag.image({description: 'A reference image (image to image)', aliases: ['asset-image']}),
    images: flag.images({description: 'Reference images (image to image)'}),
    model: flag.model('image'),
    quality: flag.quality('image'),
    'aspect-ratio': flag.aspectRatio('image'),
    'detail-level': Flags.string({
      description: 'Detail level (gpt-image-2.0 only; low, medium or high). [default: low]',
    }),
    seed: flag.seed(),
    count: flag.count('image'),
    'idempotency-key': flag.idempotencyKey(),
  },
  required: ['prompt'],
  async prepare(input, ctx) {
    const inputs = [
      ...(input.image ? [classifyMediaInput('--image', input.image)] : []),
      ...classifyAll('--images', input.images),
    ]
    const {model, values, warnings} = await resolveParams('image', input, ctx, {inputs: {images: inputs.length}})
    const prompt = await ctx.text(input.prompt as string)
    return {
      warnings,
      async plan(planCtx) {
        const body: Record<string, unknown> = {
          prompt,
          model,
          quality: values.quality,
          create_count: values.count ?? 1,
          aspect_ratio: values.aspect_ratio,
          ...(values.detail_level ? {detail_level: values.detail_level} : {}),
          // The reference client always sends a seed for images (0 when none was given).
          seed: input.seed ?? 0,
        }
        if (inputs.length > 0) {
          const media = await planCtx.media()
          const flagOf = (i: number) => (input.image && i === 0 ? '--image' : '--images')
          body.customer_img_paths = await Promise.all(inputs.map((m, i) => media.image(flagOf(i), m)))
        }

        return {kind: 'image', path: inputs.length > 0 ? 'image/i2i' : 'image/t2i', body, idempotent: true}
      },
    }
  },
})
