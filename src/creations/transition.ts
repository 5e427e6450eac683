import * as flag from '../base/creation-flags.js'
import {classifyAll, optionalFields, resolveParams} from './common.js'
import {defineCreation} from './define.js'

/**
 * Key-frame transition (docs/protocol.md §3.3): `video/frames` with N images and N−1 prompts/durations.
 * 2 frames use the `transition` models; 3 or more switch to `transition_multi` (v5, with a warning).
 */
export const transitionCreation = defineCreation({
  mode: 'transition',
  flags: {
    images: flag.images({description: 'The key frames, in order (at least 2). Required'}),
    prompt: flag.prompt({description: 'How to move between the frames'}),
    model: flag.model('transition', ['transition_multi']),
    quality: flag.quality('transition'),
    ...flag.continuationOptions(),
  },
  required: ['images'],
  async prepare(input, ctx) {
    const inputs = classifyAll('--images', input.images)
    const {transitionModeFor} = await import('../catalog/resolve-model.js')
    const mode = transitionModeFor(inputs.length)
    const {model, values, warnings} = await resolveParams(mode, input, ctx, {
      inputs: {images: inputs.length},
      configMode: 'transition',
    })
    const prompt = input.prompt === undefined ? undefined : await ctx.text(input.prompt)
    return {
      warnings,
      async plan(planCtx) {
        const media = await planCtx.media()
        const paths = await Promise.all(inputs.map((m) => media.image('--images', m)))
        const gaps = paths.length - 1
        const body: Record<string, unknown> = {
          customer_img_paths: paths,
          model,
          quality: values.quality,
          prompts: Array.from({length: gaps}, () => prompt ?? ''),
          durations: Array.from({length: gaps}, () => values.duration),
          ...(mode === 'transition' ? {duration: values.duration, create_count: values.count ?? 1} : {}),
          ...(prompt === undefined ? {} : {prompt}),
          ...optionalFields(values, input.seed),
        }
        return {kind: 'video', path: 'video/frames', body, idempotent: true}
      },
    }
  },
})
