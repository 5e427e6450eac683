import {classifyAll, optionalFields, resolveParams} from './common.js'
import type {CreationSpec} from './types.js'

export interface TransitionInput {
  images?: string[]
  prompt?: string
  model?: string
  quality?: string
  duration?: number
  seed?: number
  count?: number
  audio?: boolean
  'off-peak'?: boolean
}

/**
 * Key-frame transition (docs/protocol.md §3.3): `video/frames` with N images and N−1 prompts/durations.
 * 2 frames use the `transition` models; 3 or more switch to `transition_multi` (v5, with a warning).
 */
export const transitionCreation: CreationSpec<TransitionInput> = {
  mode: 'transition',
  async prepare(input, ctx) {
    const inputs = classifyAll('--images', input.images)
    const {transitionModeFor} = await import('../catalog/resolve.js')
    const mode = transitionModeFor(inputs.length)
    const {model, values, warnings} = await resolveParams(
      mode,
      input.model,
      {
        quality: input.quality,
        duration: input.duration,
        audio: input.audio,
        offPeak: input['off-peak'] || undefined,
        count: input.count,
        imageCount: inputs.length,
      },
      ctx,
      'transition',
    )
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
}
