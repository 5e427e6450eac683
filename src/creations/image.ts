import {classifyMediaInput} from '../api/media-input.js'
import {classifyAll, required, resolveParams} from './common.js'
import type {CreationSpec} from './types.js'

export interface ImageInput {
  prompt?: string
  image?: string
  /** Seed-era hidden alias of `image`. */
  'asset-image'?: string
  images?: string[]
  model?: string
  quality?: string
  'aspect-ratio'?: string
  'detail-level'?: string
  seed?: number
  count?: number
}

/** Text or image(s) to image (docs/protocol.md §3.2): `image/t2i`, or `image/i2i` with `--image`/`--images`. */
export const imageCreation: CreationSpec<ImageInput> = {
  mode: 'image',
  async prepare(input, ctx) {
    required(input.prompt, '--prompt')
    const single = input.image ?? input['asset-image']
    const inputs = [
      ...(single ? [classifyMediaInput(input.image ? '--image' : '--asset-image', single)] : []),
      ...classifyAll('--images', input.images),
    ]
    const {model, values, warnings} = await resolveParams(
      'image',
      input.model,
      {
        quality: input.quality,
        aspectRatio: input['aspect-ratio'],
        detailLevel: input['detail-level'],
        count: input.count,
        imageCount: inputs.length,
      },
      ctx,
    )
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
          const flag = (i: number) => (single && i === 0 ? '--image' : '--images')
          body.customer_img_paths = await Promise.all(inputs.map((m, i) => media.image(flag(i), m)))
        }

        return {kind: 'image', path: inputs.length > 0 ? 'image/i2i' : 'image/t2i', body, idempotent: true}
      },
    }
  },
}
