import * as Flags from '@oclif/core/flags'

import * as flag from '../base/creation-flags.js'
import * as media from '../base/media-flags.js'
import {classifyAll} from './common.js'
import {defineCreation} from './define.js'

/**
 * Music (docs/protocol.md §3.7): `music/generate`. Model compatibility first (Lyria takes images, not
 * lyrics), then `--instrumental` > `--auto-lyrics` > `--lyrics`. Booleans are JSON true/false here.
 */
export const musicCreation = defineCreation({
  mode: 'music',
  flags: {
    prompt: flag.prompt({required: true, description: 'Style and mood of the music'}),
    lyrics: Flags.string({description: 'Lyrics: literal text, a path to a text file, or - to read stdin.'}),
    model: flag.model('music'),
    instrumental: Flags.boolean({description: 'No vocals (ignores --auto-lyrics and --lyrics).'}),
    'auto-lyrics': Flags.boolean({description: 'Let the model write the lyrics (ignores --lyrics).'}),
    'duration-auto': Flags.boolean({
      allowNo: true,
      description: 'Let the model choose the length (--no-duration-auto needs --duration-seconds). [default: on]',
    }),
    'duration-seconds': media.integer('--duration-seconds', {
      description: 'Length in seconds (turns --duration-auto off).',
      min: 1,
    }),
    image: flag.images({description: 'Reference images (Google Lyria only)'}),
    'client-request-id': media.clientRequestId(),
    output: media.output(),
  },
  required: ['prompt'],
  async prepare(input, ctx) {
    const images = classifyAll('--image', input.image)
    const prompt = await ctx.text(input.prompt as string)
    const lyrics = input.lyrics === undefined ? undefined : await ctx.text(input.lyrics)
    const {resolveMusicParams} = await import('../catalog/resolve-audio.js')
    const {values, warnings} = resolveMusicParams(
      input.model,
      {...input, prompt, lyrics},
      {inputs: {images: images.length}},
    )
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
})
