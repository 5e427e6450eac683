import {validationError} from '../errors.js'
import {required} from './common.js'
import type {CreationSpec} from './types.js'

export interface VoiceInput {
  text?: string
  model?: string
  'voice-id'?: string
  'provider-voice-id'?: string
  language?: string
  speed?: string | number
  volume?: string | number
  pitch?: string | number
  emotion?: string
  stability?: string | number
  'similarity-boost'?: string | number
  style?: string | number
  'use-speaker-boost'?: boolean
  'client-request-id'?: string
}

/**
 * Text to speech (docs/protocol.md §3.6): `speech/tts/generate`. Provider-specific flags are checked against
 * the model's provider up front (a MiniMax flag on an ElevenLabs model is exit 6).
 */
export const voiceCreation: CreationSpec<VoiceInput> = {
  mode: 'voice',
  async prepare(input, ctx) {
    const text = await ctx.text(required(input.text, '--text'))
    const {resolveVoiceParams} = await import('../catalog/resolve.js')
    const {values, warnings} = resolveVoiceParams(input.model, {
      text,
      language: input.language,
      speed: input.speed,
      volume: input.volume,
      pitch: input.pitch,
      emotion: input.emotion,
      stability: input.stability,
      similarityBoost: input['similarity-boost'],
      style: input.style,
      useSpeakerBoost: input['use-speaker-boost'],
    })
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
}
