import {classifyMediaInput} from '../api/media-input.js'
import {builtInDefaults} from '../catalog/index.js'
import {validationError} from '../errors.js'
import {bundleFields, required, resolveParams} from './common.js'
import type {CreationSpec} from './types.js'

export interface SpeechInput {
  video?: string
  /** An audio file (or audio id / media path) to lip-sync; the alternative is `tts-text`. */
  audio?: string
  'tts-text'?: string
  'tts-speaker'?: string
  model?: string
  'keep-original-sound'?: boolean
  count?: number
  'off-peak'?: boolean
}

/** Seed-era lip sync onto a video (docs/protocol.md §3.4): `video/lip_sync` with an audio file or TTS text. */
export const speechCreation: CreationSpec<SpeechInput> = {
  mode: 'speech',
  async prepare(input, ctx) {
    const video = classifyMediaInput('--video', required(input.video, '--video'))
    if (input.audio !== undefined && input['tts-text'] !== undefined)
      throw validationError('Use either --audio or --tts-text, not both')
    if (input.audio === undefined && input['tts-text'] === undefined)
      throw validationError('--audio or --tts-text is required')
    const audio = input.audio === undefined ? undefined : classifyMediaInput('--audio', input.audio)
    const {model, values, warnings} = await resolveParams(
      'speech',
      input.model,
      {offPeak: input['off-peak'] || undefined, count: input.count},
      ctx,
    )
    const text = input['tts-text'] === undefined ? undefined : await ctx.text(input['tts-text'])
    if (text === '') throw validationError('--tts-text is empty')
    const speaker =
      input['tts-speaker'] ??
      (ctx.storedDefaults('speech').tts_speaker as string | undefined) ??
      (builtInDefaults('speech').tts_speaker as string)
    return {
      warnings,
      async plan(planCtx) {
        const media = await planCtx.media()
        const bundle = await media.video('--video', video)
        const body: Record<string, unknown> = {...bundleFields(bundle), create_count: values.count ?? 1}
        if (text === undefined && audio) {
          if (audio.form === 'file' || audio.form === 'url') {
            const uploaded = await media.uploadInput('--audio', audio, 'audio')
            body.customer_lip_sync_audio_path = uploaded.path
            if (uploaded.url) body.lip_sync_audio_url = uploaded.url
          } else {
            body.customer_lip_sync_audio_path = (await media.audio('--audio', audio)).path
          }
        } else {
          body.lip_sync_tts_content = text
          body.lip_sync_tts_speaker_id = speaker
        }

        body.model = model
        if (input['keep-original-sound']) body.original_sound_switch = 1
        if (values.off_peak) body.off_peak = 1
        return {kind: 'video', path: 'video/lip_sync', body, idempotent: true}
      },
    }
  },
}
