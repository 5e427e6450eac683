import * as Flags from '@oclif/core/flags'

import * as flag from '../base/creation-flags.js'
import * as media from '../base/media-flags.js'
import {validationError} from '../errors.js'
import {defineCreation} from './define.js'

/**
 * Text to speech (docs/protocol.md §3.6): `speech/tts/generate`. Provider-specific flags are checked against
 * the model's provider up front (a MiniMax flag on an ElevenLabs model is exit 6).
 */
export const voiceCreation = defineCreation({
  mode: 'voice',
  flags: {
    text: flag.prompt({required: true, description: 'What to say', flag: '--text'}),
    model: flag.model('voice'),
    'voice-id': Flags.string({
      description: 'Voice preset id (from `pixverse voice presets`). This or --provider-voice-id is required.',
    }),
    'provider-voice-id': Flags.string({description: "The provider's own voice id."}),
    language: Flags.string({description: 'Language code, or auto. [default: auto]'}),
    speed: Flags.string({description: 'Speaking speed (MiniMax 0.5-2, ElevenLabs 0.7-1.2). [default: 1]'}),
    volume: Flags.string({description: 'Volume, 0-10 (MiniMax). [default: 1]'}),
    pitch: Flags.string({description: 'Pitch, -12 to 12 (MiniMax). [default: 0]'}),
    emotion: Flags.string({
      description:
        'Emotion (MiniMax): auto, happy, sad, angry, fearful, disgusted, surprised, calm, fluent, whisper. [default: auto]',
    }),
    stability: Flags.string({description: 'Stability, 0-1 (ElevenLabs). [default: 0.5]'}),
    'similarity-boost': Flags.string({description: 'Similarity boost, 0-1 (ElevenLabs). [default: 0.75]'}),
    style: Flags.string({description: 'Style, 0-1 (eleven-multilingual-v2). [default: 0]'}),
    'use-speaker-boost': Flags.boolean({
      allowNo: true,
      description: 'Speaker boost (eleven-multilingual-v2). [default: on]',
    }),
    'client-request-id': media.clientRequestId(),
    output: media.output(),
  },
  required: ['text'],
  async prepare(input, ctx) {
    const text = await ctx.text(input.text as string)
    const {resolveVoiceParams} = await import('../catalog/resolve-audio.js')
    const {values, warnings} = resolveVoiceParams(input.model, {...input, text})
    if (text.trim() === '') throw validationError('--text is empty')
    if (!input['voice-id'] && !input['provider-voice-id']) {
      throw validationError(
        `A voice is required — pass --voice-id (or --provider-voice-id). Run \`pixverse voice presets --model ${values.model}\` to list voices.`,
      )
    }

    return {
      warnings,
      async plan() {
        const body: Record<string, unknown> = {
          text,
          model: values.model,
          ...(input['voice-id'] ? {voice_id: input['voice-id']} : {}),
          ...(input['provider-voice-id'] ? {provider_voice_id: input['provider-voice-id']} : {}),
          voice_settings: values.voice_settings,
          ...(values.language_code ? {language_code: values.language_code} : {}),
          ...(input['client-request-id'] ? {client_request_id: input['client-request-id']} : {}),
        }
        return {kind: 'audio', path: 'speech/tts/generate', body, idempotent: false}
      },
    }
  },
})
