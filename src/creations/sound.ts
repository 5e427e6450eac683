import {classifyMediaInput} from '../api/media-input.js'
import {bundleFields, required, resolveParams} from './common.js'
import type {CreationSpec} from './types.js'

export interface SoundInput {
  video?: string
  prompt?: string
  model?: string
  'keep-original-sound'?: boolean
  count?: number
  'off-peak'?: boolean
}

/** Seed-era sound effects onto a video (docs/protocol.md §3.5): `video/sound_effect`. */
export const soundCreation: CreationSpec<SoundInput> = {
  mode: 'sound',
  async prepare(input, ctx) {
    const video = classifyMediaInput('--video', required(input.video, '--video'))
    required(input.prompt, '--prompt', ' (describe the sound effect)')
    const {model, values, warnings} = await resolveParams(
      'sound',
      input.model,
      {offPeak: input['off-peak'] || undefined, count: input.count},
      ctx,
    )
    const prompt = await ctx.text(input.prompt as string)
    return {
      warnings,
      async plan(planCtx) {
        const bundle = await (await planCtx.media()).video('--video', video)
        const body: Record<string, unknown> = {
          ...bundleFields(bundle),
          sound_effect_content: prompt,
          create_count: values.count ?? 1,
          model,
          ...(input['keep-original-sound'] ? {original_sound_switch: 1} : {}),
          ...(values.off_peak ? {off_peak: 1} : {}),
        }
        return {kind: 'video', path: 'video/sound_effect', body, idempotent: true}
      },
    }
  },
}
