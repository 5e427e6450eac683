/**
 * `create voice` and `create music`: their models' parameters, lengths and ranges checked against
 * the catalogue before any request (exit 6), and the values to send.
 */
import {validationError} from '../errors.js'
import {
  type MusicModelSpec,
  type VoiceModelSpec,
  type VoiceParamSpec,
  defaultModel,
  flagName,
  modelSpec,
  modelsFor,
  voiceParamKeys,
  voiceParamOwners,
} from './index.js'
import type {MediaCounts} from './media-limits.js'
import {type FlagValues, type Resolved, codePoints, flagValue, numeric} from './resolve.js'
import {assertModel, show} from './resolve-model.js'
import {plural} from './media-limits.js'

export interface VoiceValues {
  model: string
  voice_settings: Record<string, number | boolean | string>
  language_code?: string
}

export interface MusicValues {
  model: string
  instrumental: boolean
  auto_lyrics: boolean
  duration_auto: boolean
  duration_seconds: number
  lyrics?: string
}

// ---------------------------------------------------------------------------------------------
// Voice (TTS)

function voiceParamAccepts(p: VoiceParamSpec, value: unknown): boolean {
  if (p.type === 'boolean') return typeof value === 'boolean'
  if (p.type === 'string') return typeof value === 'string' && (!p.enum || p.enum.includes(value))
  if (p.type === 'integer' ? !Number.isInteger(value) : !Number.isFinite(value)) return false
  const n = value as number
  return (p.minimum === undefined || n >= p.minimum) && (p.maximum === undefined || n <= p.maximum)
}

function voiceParamMessage(p: VoiceParamSpec, value: unknown): string {
  if (p.type === 'number') return `${p.flag} must be between ${p.minimum} and ${p.maximum}`
  if (p.type === 'integer') return `${p.flag} must be an integer between ${p.minimum} and ${p.maximum}`
  if (p.type === 'boolean') return `${p.flag} must be true or false`
  return `Invalid ${p.flag} value: "${show(value)}" (allowed: ${(p.enum ?? []).join(', ')})`
}

/**
 * `create voice`: model whitelist, text length, provider-specific flags and their ranges (exit 6),
 * then the `voice_settings` object with the model's defaults filled in.
 */
export function resolveVoiceParams(model: string | undefined, requested: FlagValues): Resolved<VoiceValues> {
  const id = model ?? (defaultModel('voice') as string)
  assertModel('voice', id)
  const spec = modelSpec('voice', id) as VoiceModelSpec
  const warnings: string[] = []

  // Flags of another provider / model.
  const own = new Set(spec.params.map((p) => p.key))
  for (const key of voiceParamKeys()) {
    if (flagValue(requested, key) === undefined || own.has(key)) continue
    throw validationError(
      `${flagName(key)} is not supported by ${spec.providerName} model "${id}" (only: ${voiceParamOwners(key).join(', ')}).`,
    )
  }

  const input: Record<string, unknown> = {}
  for (const p of spec.params) {
    const v = flagValue(requested, p.key)
    if (v !== undefined) input[p.key] = p.type === 'number' || p.type === 'integer' ? numeric(v) : v
  }

  const text = String(requested.text ?? '')
  if (codePoints(text) > spec.maxChars)
    throw validationError(`--text is too long for ${id}: ${codePoints(text)} characters (max ${spec.maxChars}).`)
  for (const p of spec.params) {
    if (input[p.key] !== undefined && !voiceParamAccepts(p, input[p.key]))
      throw validationError(voiceParamMessage(p, input[p.key]))
  }

  const settings: Record<string, number | boolean | string> = {}
  for (const p of spec.params) {
    const v = (input[p.key] ?? p.default) as number | boolean | string
    if (p.omit_if !== undefined && v === p.omit_if) continue
    settings[p.key] = v
  }

  const values: VoiceValues = {model: id, voice_settings: settings}
  const lang = requested.language
  if (typeof lang === 'string' && lang !== 'auto') {
    if (spec.language) values.language_code = lang
    else warnings.push(`Model "${id}" detects the language itself; ignoring --language.`)
  }

  return {values, warnings}
}

// ---------------------------------------------------------------------------------------------
// Music

/**
 * `create music`: model compatibility first (Lyria rejects `--lyrics`, `--image` only where the
 * model takes images), then lengths and `--duration-seconds`, then the precedence
 * `--instrumental` > `--auto-lyrics` > `--lyrics` (lyrics required for lyric-capable models).
 */
export function resolveMusicParams(
  model: string | undefined,
  requested: FlagValues,
  options: {inputs?: MediaCounts} = {},
): Resolved<MusicValues> {
  const id = model ?? (defaultModel('music') as string)
  assertModel('music', id)
  const spec = modelSpec('music', id) as MusicModelSpec
  const warnings: string[] = []
  const lyrics = typeof requested.lyrics === 'string' && requested.lyrics !== '' ? requested.lyrics : undefined
  const hasLyrics = lyrics !== undefined

  if (hasLyrics && !spec.lyrics) {
    throw validationError(`${spec.name} does not support --lyrics. Put lyric-like instructions in --prompt instead.`)
  }

  const images = options.inputs?.images ?? 0
  if (images > 0 && spec.maxImages === 0) {
    const owners = modelsFor('music').filter((m) => (modelSpec('music', m) as MusicModelSpec).maxImages > 0)
    throw validationError(`--image is only supported by ${owners.join(', ')} (not ${id}).`)
  }

  if (images > spec.maxImages)
    throw validationError(`Model "${id}" accepts at most ${plural(spec.maxImages, 'image')} (--image); got ${images}.`)

  const prompt = String(requested.prompt ?? '')
  if (codePoints(prompt) > spec.promptMaxChars)
    throw validationError(
      `--prompt is too long for ${id}: ${codePoints(prompt)} characters (max ${spec.promptMaxChars}).`,
    )
  if (lyrics !== undefined && spec.lyrics && codePoints(lyrics) > spec.lyrics.maxChars)
    throw validationError(
      `--lyrics is too long for ${id}: ${codePoints(lyrics)} characters (max ${spec.lyrics.maxChars}).`,
    )
  const seconds = requested['duration-seconds'] === undefined ? undefined : numeric(requested['duration-seconds'])
  const {min, max} = spec.durationSeconds
  if (seconds !== undefined && !(Number.isInteger(seconds) && (seconds as number) >= min && (seconds as number) <= max))
    throw validationError(`--duration-seconds must be an integer between ${min} and ${max}`)

  const instrumental = requested.instrumental === true
  const autoLyrics = !instrumental && requested['auto-lyrics'] === true
  if (instrumental && requested['auto-lyrics']) warnings.push('--instrumental is set; ignoring --auto-lyrics.')
  if (hasLyrics && instrumental) warnings.push('--instrumental is set; ignoring --lyrics.')
  else if (hasLyrics && autoLyrics) warnings.push('--auto-lyrics is set; ignoring --lyrics.')
  if (!instrumental && !autoLyrics && !hasLyrics && spec.lyrics) {
    throw validationError('--lyrics is required unless --instrumental or --auto-lyrics is used')
  }

  let durationAuto = requested['duration-auto'] !== false
  let durationSeconds = 0
  if (seconds !== undefined) {
    durationAuto = false
    durationSeconds = seconds as number
  } else if (!durationAuto) {
    throw validationError(
      `--no-duration-auto needs --duration-seconds (${spec.durationSeconds.min}-${spec.durationSeconds.max})`,
    )
  }

  const values: MusicValues = {
    model: id,
    instrumental,
    auto_lyrics: autoLyrics,
    duration_auto: durationAuto,
    duration_seconds: durationSeconds,
    ...(hasLyrics && !instrumental && !autoLyrics ? {lyrics} : {}),
  }
  return {values, warnings}
}
