import {classifyMediaInput} from '../api/media-input.js'
import * as flag from '../base/creation-flags.js'
import * as media from '../base/media-flags.js'
import {bundleFields, resolveParams} from './common.js'
import {defineCreation} from './define.js'

/** Seed-era sound effects onto a video (docs/protocol.md §3.5): `video/sound_effect`. */
export const soundCreation = defineCreation({
  mode: 'sound',
  flags: {
    video: media.video({description: 'The video to add sound to. Required'}),
    prompt: flag.prompt({required: true, description: 'The sound effect'}),
    model: flag.model('sound'),
    'keep-original-sound': media.keepOriginalSound(),
    count: flag.count(),
    'off-peak': flag.offPeak(),
    'idempotency-key': flag.idempotencyKey(),
  },
  required: ['video', 'prompt'],
  hints: {prompt: 'describe the sound effect'},
  async prepare(input, ctx) {
    const video = classifyMediaInput('--video', input.video as string)
    const {model, values, warnings} = await resolveParams('sound', input, ctx)
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
})
