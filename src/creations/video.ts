import {classifyMediaInput} from '../api/media-input.js'
import * as flag from '../base/creation-flags.js'
import {defineCreation} from './define.js'

/** Text or image to video (docs/protocol.md §3.1): `video/t2v`, or `video/i2v` when an image is given. */
export const videoCreation = defineCreation({
  mode: 'video',
  flags: {
    prompt: flag.prompt({required: true}),
    // `--asset-image` is the seed-era spelling (docs/protocol.md §3.1).
    image: flag.image({description: 'Start from this image (image to video)', aliases: ['asset-image']}),
    model: flag.model('video'),
    duration: flag.duration(),
    quality: flag.quality('video'),
    'aspect-ratio': flag.aspectRatio('video'),
    seed: flag.seed(),
    count: flag.count(),
    audio: flag.audio(),
    'multi-shot': flag.multiShot(),
    'off-peak': flag.offPeak(),
    'idempotency-key': flag.idempotencyKey(),
  },
  required: ['prompt'],
  async prepare(input, ctx) {
    const image = input.image ? classifyMediaInput('--image', input.image) : undefined
    const stored = ctx.storedDefaults('video')
    const [{resolveModel}, {resolveCreationParams}] = await Promise.all([
      import('../catalog/resolve-model.js'),
      import('../catalog/resolve.js'),
    ])
    const resolved = resolveModel('video', input.model, {stored: stored.model as string | undefined})
    const model = resolved.model as string
    const {values, warnings} = resolveCreationParams('video', model, input, {
      defaults: stored,
      inputs: {images: image ? 1 : 0},
    })
    const prompt = await ctx.text(input.prompt as string)
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
})
