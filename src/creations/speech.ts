import {classifyMediaInput} from '../api/media-input.js'
import {builtInDefaults} from '../catalog/index.js'
import {validationError} from '../errors.js'
import * as Flags from '@oclif/core/flags'

import * as flag from '../base/creation-flags.js'
import * as media from '../base/media-flags.js'
import {bundleFields, resolveParams} from './common.js'
import {defineCreation} from './define.js'

/** Seed-era lip sync onto a video (docs/protocol.md §3.4): `video/lip_sync` with an audio file or TTS text. */
export const speechCreation = defineCreation({
  mode: 'speech',
  flags: {
    video: media.video({description: 'The video to lip-sync. Required'}),
    audio: media.audioFile({description: 'The speech to lip-sync (instead of --tts-text)'}),
    'tts-text': Flags.string({
      description: 'Text to speak (instead of --audio): literal text, a path to a text file, or - to read stdin.',
    }),
    'tts-speaker': Flags.string({description: 'Speaker id for --tts-text. [default: Auto]'}),
    model: flag.model('speech'),
    'keep-original-sound': media.keepOriginalSound(),
    count: flag.count(),
    'off-peak': flag.offPeak(),
    'idempotency-key': flag.idempotencyKey(),
  },
  required: ['video'],
  async prepare(input, ctx) {
    const video = classifyMediaInput('--video', input.video as string)
    if (input.audio !== undefined && input['tts-text'] !== undefined)
      throw validationError('Use either --audio or --tts-text, not both')
    if (input.audio === undefined && input['tts-text'] === undefined)
      throw validationError('--audio or --tts-text is required')
    const audio = input.audio === undefined ? undefined : classifyMediaInput('--audio', input.audio)
    // `--audio` here is the speech to lip-sync, not the catalogue's `audio` switch.
    const {audio: _speech, ...params} = input
    const {model, values, warnings} = await resolveParams('speech', params, ctx)
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
})
