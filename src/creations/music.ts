import {classifyAll, required} from './common.js'
import type {CreationSpec} from './types.js'

export interface MusicInput {
  prompt?: string
  lyrics?: string
  model?: string
  instrumental?: boolean
  'auto-lyrics'?: boolean
  'duration-auto'?: boolean
  'duration-seconds'?: number
  image?: string[]
  'client-request-id'?: string
}

/**
 * Music (docs/protocol.md §3.7): `music/generate`. Model compatibility first (Lyria takes images, not
 * lyrics), then `--instrumental` > `--auto-lyrics` > `--lyrics`. Booleans are JSON true/false here.
 */
export const musicCreation: CreationSpec<MusicInput> = {
  mode: 'music',
  async prepare(input, ctx) {
    required(input.prompt, '--prompt')
    const images = classifyAll('--image', input.image)
    const prompt = await ctx.text(input.prompt as string)
    const lyrics = input.lyrics === undefined ? undefined : await ctx.text(input.lyrics)
    const {resolveMusicParams} = await import('../catalog/resolve.js')
    const {values, warnings} = resolveMusicParams(input.model, {
      prompt,
      lyrics,
      instrumental: input.instrumental,
      autoLyrics: input['auto-lyrics'],
      durationSeconds: input['duration-seconds'],
      durationAuto: input['duration-auto'],
      imageCount: images.length,
    })
    return {
      warnings,
      async plan(planCtx) {
        const paths =
          images.length > 0
            ? await Promise.all(images.map(async (m) => (await planCtx.media()).image('--image', m)))
            : []
        const body: Record<string, unknown> = {
          model: values.model,
          prompt,
          instrumental: values.instrumental,
          auto_lyrics: values.auto_lyrics,
          duration_auto: values.duration_auto,
          duration_seconds: values.duration_seconds,
          image_paths: paths,
          ...(values.lyrics === undefined ? {} : {lyrics: values.lyrics}),
          ...(input['client-request-id'] ? {client_request_id: input['client-request-id']} : {}),
        }
        return {kind: 'music', path: 'music/generate', body, idempotent: false}
      },
    }
  },
}
