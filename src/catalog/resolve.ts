/**
 * Pure pre-request checks of creation commands: model whitelist, soft coercion of quality /
 * duration / aspect ratio / audio / multi-shot / off-peak (warnings, docs/models.md and docs/protocol.md §3.0.1),
 * and the hard limits that are errors (exit 6).
 *
 * Every limit is read from the catalogue (index.ts) and checked directly, each message built where
 * its check is made. Only import this module inside `run()`.
 */
import {type CliError, validationError} from '../errors.js'
import {
  type CreationModelSpec,
  type Mode,
  type MusicModelSpec,
  type ResolvedInputLimit,
  type VoiceModelSpec,
  type VoiceParamSpec,
  builtInDefaults,
  countRange,
  defaultModel,
  defaultModes,
  fallbacks,
  flagName,
  modeChoices,
  modeSpec,
  modelSpec,
  modelsFor,
  voiceParamKeys,
  voiceParamOwners,
} from './index.js'

// ---------------------------------------------------------------------------------------------
// Types

/** Where a value came from. Values from the built-in defaults are coerced silently. */
export type ValueSource = 'flag' | 'config' | 'builtin'

export interface AssertModelOptions {
  /** `'default'` (or `'config'`): the model came from the user's saved defaults — the message names the fix. */
  source?: 'flag' | 'default' | 'config'
}

export interface ResolvedModel {
  /** undefined for modes without a model (upscale, template). */
  model: string | undefined
  source: ValueSource
  warnings: string[]
}

/**
 * What was asked for, keyed by flag name as the command's parser gives it (`quality`, `aspect-ratio`,
 * `multi-shot`, …): the catalogue's snake_case key with dashes. Keys the mode does not use are ignored.
 */
export type FlagValues = Record<string, unknown>

/** How many media inputs of each kind were given, by catalogue input key (`images`, `videos`, `audios`). */
export interface MediaCounts {
  /** `--image`/`--images` inputs (0 when none); input checks are skipped when undefined. */
  images?: number
  videos?: number
  audios?: number
}

export interface ResolveOptions {
  /**
   * The user's saved defaults for this mode (sparse overrides, snake_case keys as in config.json:
   * `quality`, `duration`, `aspect_ratio`, `audio`, `multi_shot`, `off_peak`, `count`). Built-in
   * defaults come from the catalogue; do not pass them here.
   */
  defaults?: Record<string, unknown>
  /** Media inputs to check against the catalogue's counts. */
  inputs?: MediaCounts
}

/** What to send. Booleans are present only when true (send `1`); absent = omit the field. */
export interface CreationValues {
  model?: string
  quality?: string
  duration?: number
  aspect_ratio?: string
  audio?: true
  multi_shot?: true
  off_peak?: true
  count?: number
  detail_level?: string
}

export interface Resolved<V> {
  values: V
  /** One line each, for stderr (`warn …`). */
  warnings: string[]
}

export interface MediaInputs {
  images?: number
  videos?: {seconds?: number}[]
  audios?: {seconds?: number; bytes?: number}[]
}

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
// Helpers

/** "5" → 5 for numeric strings (flags may arrive as text); anything else unchanged. */
function numeric(value: unknown): unknown {
  if (typeof value === 'string' && /^\s*-?(\d+\.?\d*|\.\d+)\s*$/.test(value)) return Number(value)
  return value
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}

function codePoints(text: string): number {
  return [...text].length
}

// ---------------------------------------------------------------------------------------------
// Models

/** How the user-facing command names a mode (`motion_control` → `motion-control`). */
function modeLabel(mode: Mode): string {
  if (mode === 'transition_multi') return 'transition'
  return mode.replace(/_/g, '-')
}

function configMode(mode: Mode): Mode | undefined {
  const m = mode === 'transition_multi' ? 'transition' : mode
  return defaultModes().includes(m) ? m : undefined
}

function fixCommand(mode: Mode, key: string, value: unknown): string | undefined {
  const cm = configMode(mode)
  return cm ? `pixverse config defaults set ${cm} ${key} ${show(value)}` : undefined
}

/**
 * Throws a validation error (exit 6) when `model` is not in the mode's whitelist. With
 * `{source: 'default'}` the message says the bad value is a saved default and names the fix.
 */
export function assertModel(mode: Mode, model: string, options: AssertModelOptions = {}): void {
  const allowed = modelsFor(mode)
  const fromDefault = options.source === 'default' || options.source === 'config'
  if (allowed.length === 0) {
    if (fromDefault) {
      throw validationError(
        `Your saved ${modeLabel(mode)} defaults set model "${model}", but ${modeLabel(mode)} has no model choice. Fix it: pixverse config defaults reset ${configMode(mode) ?? mode}`,
        `pixverse config defaults reset ${configMode(mode) ?? mode}`,
      )
    }

    throw validationError(`${modeLabel(mode)} has no model choice (got --model "${model}").`)
  }

  if (allowed.includes(model)) return
  const fallback = defaultModel(mode) ?? allowed[0]
  const fix = fixCommand(mode, 'model', fallback)
  if (fromDefault && fix) {
    throw validationError(
      `Model "${model}" from your saved ${configMode(mode)} defaults is not available for ${modeLabel(mode)}. Fix it: ${fix} (allowed: ${allowed.join(', ')})`,
      fix,
    )
  }

  throw validationError(
    `Model "${model}" is not available for ${modeLabel(mode)}. Allowed: ${allowed.join(', ')}`,
    fix ?? `Use --model ${fallback}`,
  )
}

/**
 * Picks the model: `--model`, else the saved default, else the built-in default, then checks it
 * against the whitelist. Modes whose data say `unsupported_model: "replace"` (3+ image
 * transitions) swap an unsupported model for their default, with a warning when it was asked for.
 */
export function resolveModel(mode: Mode, requested?: string, options: {stored?: string} = {}): ResolvedModel {
  const warnings: string[] = []
  const allowed = modelsFor(mode)
  if (allowed.length === 0) {
    if (requested !== undefined) assertModel(mode, requested)
    return {model: undefined, source: 'builtin', warnings}
  }

  const source: ValueSource = requested === undefined ? (options.stored === undefined ? 'builtin' : 'config') : 'flag'
  const model = requested ?? options.stored ?? (defaultModel(mode) as string)
  if (!allowed.includes(model) && modeSpec(mode).unsupportedModel === 'replace') {
    const replacement = defaultModel(mode) as string
    if (source === 'flag')
      warnings.push(`--model ${model} does not support ${modeLabelLong(mode)}, using ${replacement}`)
    return {model: replacement, source, warnings}
  }

  assertModel(mode, model, {source: source === 'config' ? 'default' : 'flag'})
  return {model, source, warnings}
}

function modeLabelLong(mode: Mode): string {
  return mode === 'transition_multi' ? '3+ image transitions' : modeLabel(mode)
}

/** Transitions: 2 images → `transition`, 3+ → `transition_multi`; fewer → exit 6. */
export function transitionModeFor(imageCount: number): 'transition' | 'transition_multi' {
  const two = modeSpec('transition').inputs.images
  if (imageCount < two.min)
    throw validationError(`At least ${two.min} images are required for transition (use --images)`)
  return imageCount <= (two.max ?? two.min) ? 'transition' : 'transition_multi'
}

// ---------------------------------------------------------------------------------------------
// Media inputs

const NOUNS: Record<string, string> = {image: 'image', images: 'image', videos: 'video', audios: 'audio clip'}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}

function inputLimits(mode: Mode, model: string | undefined): Record<string, ResolvedInputLimit> {
  const spec = model ? (modelSpec(mode, model) as CreationModelSpec | undefined) : undefined
  return spec?.inputs ?? modeSpec(mode).inputs
}

function imageInputKey(limits: Record<string, ResolvedInputLimit>): string | undefined {
  return ['images', 'image'].find((k) => k in limits)
}

function checkCounts(mode: Mode, model: string | undefined, counts: Record<string, number | undefined>): void {
  const limits = inputLimits(mode, model)
  const spec = model ? (modelSpec(mode, model) as CreationModelSpec | undefined) : undefined
  const imageKey = imageInputKey(limits)
  const imageCount = imageKey ? counts[imageKey] : undefined
  if (spec?.requiresImage && imageCount === 0) {
    throw validationError(`Model "${model}" requires an image input (use ${limits[imageKey as string].flag})`)
  }

  for (const [key, lim] of Object.entries(limits)) {
    const n = counts[key]
    if (n === undefined) continue
    const noun = NOUNS[key] ?? key
    if (n < lim.min) {
      throw validationError(
        `At least ${plural(lim.min, noun)} ${lim.min === 1 ? 'is' : 'are'} required for ${modeLabel(mode)} (use ${lim.flag})`,
      )
    }

    if (lim.max !== undefined && n > lim.max) {
      if (lim.max === 0) {
        const owners = modelsFor(mode).filter(
          (id) => ((modelSpec(mode, id) as CreationModelSpec).inputs[key]?.max ?? 1) > 0,
        )
        throw validationError(
          `Model "${model}" does not accept ${lim.flag} for ${modeLabel(mode)} (supported by: ${owners.join(', ')})`,
        )
      }

      throw validationError(
        `Model "${model ?? modeLabel(mode)}" accepts at most ${plural(lim.max, noun)} (${lim.flag}); got ${n}.`,
      )
    }
  }

  for (const [key, lim] of Object.entries(limits)) {
    if (!lim.requires_one_of || !counts[key]) continue
    const others = lim.requires_one_of.map((k) => counts[k] ?? 0).reduce((a, b) => a + b, 0)
    if (others === 0) {
      throw validationError(
        `${lim.flag} needs at least one ${lim.requires_one_of.map((k) => limits[k]?.flag ?? flagName(k)).join(' or ')} input.`,
      )
    }
  }
}

/**
 * Checks media inputs once their metadata is known: counts, per-item and total seconds, bytes,
 * and "needs another input" rules (Seedance reference videos/audios). Throws exit 6.
 */
export function assertMediaInputs(mode: Mode, model: string | undefined, media: MediaInputs): void {
  const limits = inputLimits(mode, model)
  const imageKey = imageInputKey(limits)
  checkCounts(mode, model, {
    ...(imageKey && media.images !== undefined ? {[imageKey]: media.images} : {}),
    ...(media.videos ? {videos: media.videos.length} : {}),
    ...(media.audios ? {audios: media.audios.length} : {}),
  })
  for (const key of ['videos', 'audios'] as const) {
    const items = media[key]
    const lim = limits[key]
    if (!items || !lim) continue
    const noun = key === 'videos' ? 'Reference video' : 'Reference audio'
    items.forEach((item, i) => {
      const s = item.seconds
      if (
        s !== undefined &&
        ((lim.min_seconds !== undefined && s < lim.min_seconds) ||
          (lim.max_seconds !== undefined && s > lim.max_seconds))
      ) {
        throw validationError(
          `${noun} #${i + 1} is ${round(s)} s long; each must be between ${lim.min_seconds ?? 0} and ${lim.max_seconds ?? '∞'} s (${lim.flag}).`,
        )
      }

      const b = (item as {bytes?: number}).bytes
      if (b !== undefined && lim.max_bytes !== undefined && b > lim.max_bytes) {
        throw validationError(
          `${noun} #${i + 1} is ${mb(b)} MB; the limit is ${mb(lim.max_bytes)} MB each (${lim.flag}).`,
        )
      }
    })
    const total = items.reduce((sum, item) => sum + (item.seconds ?? 0), 0)
    if (lim.max_total_seconds !== undefined && total > lim.max_total_seconds) {
      throw validationError(
        `${noun}s add up to ${round(total)} s; the limit is ${lim.max_total_seconds} s in total (${lim.flag}).`,
      )
    }
  }
}

function round(n: number): number {
  return Math.round(n * 10) / 10
}

function mb(bytes: number): number {
  return Math.round((bytes / 1024 / 1024) * 10) / 10
}

// ---------------------------------------------------------------------------------------------
// Creation parameters

/** The parameters a video/image mode may take, by catalogue key; the flag is the key with dashes. */
const CREATION_PARAMS = [
  'quality',
  'duration',
  'aspect_ratio',
  'audio',
  'multi_shot',
  'off_peak',
  'count',
  'detail_level',
]

/** `aspect_ratio` → the value of `--aspect-ratio`. */
function flagValue(requested: FlagValues, key: string): unknown {
  return requested[flagName(key).slice(2)]
}

/** Whether a value passes its parameter's hard rule: the right type, and a fixed choice where the mode has one. */
function acceptable(mode: Mode, spec: CreationModelSpec | undefined, key: string, value: unknown): boolean {
  // Modes without models: their own choices are hard limits.
  const choices = spec ? undefined : modeChoices(mode)
  const oneOf = (list: unknown[] | undefined) => !list?.length || list.includes(value)
  switch (key) {
    case 'quality':
      return typeof value === 'string' && oneOf(choices?.qualities)
    case 'aspect_ratio':
      return typeof value === 'string' && oneOf(choices?.aspectRatios)
    case 'duration':
      return choices?.durations.length ? Number.isInteger(value) && oneOf(choices.durations) : Number.isFinite(value)
    case 'count':
      return Number.isInteger(value) && (value as number) >= countRange().min && (value as number) <= countRange().max
    case 'detail_level':
      return !spec?.detailLevel || spec.detailLevel.values.includes(value as string)
    default:
      return typeof value === 'boolean'
  }
}

function describeAllowed(mode: Mode, spec: CreationModelSpec | undefined, key: string): string {
  const count = countRange()
  if (key === 'count') return `must be an integer between ${count.min} and ${count.max}`
  if (key === 'detail_level' && spec?.detailLevel) return `allowed: ${spec.detailLevel.values.join(', ')}`
  if (key === 'audio' || key === 'multi_shot' || key === 'off_peak') return 'must be true or false'
  const choices = modeChoices(mode)
  if (!spec && key === 'quality' && choices.qualities.length > 0) return `allowed: ${choices.qualities.join(', ')}`
  if (!spec && key === 'aspect_ratio' && choices.aspectRatios.length > 0)
    return `allowed: ${choices.aspectRatios.join(', ')}`
  if (!spec && key === 'duration' && choices.durations.length > 0)
    return `allowed: ${formatDurations(choices.durations)}`
  if (key === 'duration') return 'must be a whole number of seconds'
  return 'must be text'
}

function hardError(
  mode: Mode,
  spec: CreationModelSpec | undefined,
  key: string,
  value: unknown,
  source: ValueSource,
): CliError {
  const rule = describeAllowed(mode, spec, key)
  if (source === 'config') {
    const fallbackValue = builtInDefaults(configMode(mode) ?? mode)[key]
    const fix =
      fallbackValue === undefined
        ? `pixverse config defaults reset ${configMode(mode) ?? mode}`
        : fixCommand(mode, key, fallbackValue)
    return validationError(
      `Invalid ${key} in your saved ${configMode(mode) ?? mode} defaults: "${show(value)}" (${rule}). Fix it: ${fix}`,
      fix,
    )
  }

  return validationError(`Invalid ${flagName(key)} value: "${show(value)}" (${rule})`)
}

function formatDurations(ds: number[]): string {
  if (ds.length === 0) return ''
  const contiguous = ds.every((d, i) => i === 0 || d === ds[i - 1] + 1)
  return contiguous && ds.length > 2 ? `${ds[0]}-${ds.at(-1)}` : ds.join(', ')
}

/** Nearest allowed value (ties → the lower one); 999 → max, 0 → min. */
function nearest(ds: number[], value: number): number {
  let best = ds[0]
  for (const d of ds) if (Math.abs(d - value) < Math.abs(best - value)) best = d
  return best
}

/**
 * Resolves the creation parameters of `mode` for `model` before any request: hard limits throw a
 * validation error (exit 6), unsupported values are replaced by a model-valid fallback with a
 * warning (none for values that came from the built-in defaults).
 *
 * Precedence per parameter: `requested` (flags) → `options.defaults` (saved config) → built-in.
 */
export function resolveCreationParams(
  mode: Mode,
  model: string | undefined,
  requested: FlagValues,
  options: ResolveOptions = {},
): Resolved<CreationValues> {
  const m = modeSpec(mode)
  if (m.kind !== 'video' && m.kind !== 'image')
    throw new Error(
      `resolveCreationParams does not handle ${mode}; use resolve${m.kind === 'voice' ? 'Voice' : 'Music'}Params`,
    )
  const warnings: string[] = []
  const values: CreationValues = {}

  let spec: CreationModelSpec | undefined
  if (modelsFor(mode).length > 0) {
    const id = model ?? (defaultModel(mode) as string)
    assertModel(mode, id)
    spec = modelSpec(mode, id) as CreationModelSpec
    values.model = id
  } else if (model !== undefined) {
    assertModel(mode, model)
  }

  const name = spec?.id ?? ''
  const builtIn = builtInDefaults(mode)
  const saved = options.defaults ?? {}

  // 1. Pick each parameter's raw value and where it came from.
  const raw: Record<string, unknown> = {}
  const source: Record<string, ValueSource> = {}
  for (const key of CREATION_PARAMS) {
    const fromFlag = flagValue(requested, key)
    if (fromFlag !== undefined) {
      raw[key] = fromFlag
      source[key] = 'flag'
    } else if (saved[key] !== undefined) {
      raw[key] = saved[key]
      source[key] = 'config'
    } else if (builtIn[key] !== undefined) {
      raw[key] = builtIn[key]
      source[key] = 'builtin'
    }
  }

  // 2. Parameters the mode does not take.
  for (const key of Object.keys(raw)) {
    if (m.params.includes(key as never)) continue
    if (source[key] === 'flag') {
      if (key === 'detail_level') throw validationError(`--detail-level is not available for ${modeLabel(mode)}.`)
      warnings.push(`${flagName(key)} has no effect for ${modeLabelLong(mode)}; ignoring it.`)
    }

    delete raw[key]
  }

  // 3. Model-specific hard rules.
  if (raw.detail_level !== undefined && !spec?.detailLevel) {
    const owners = modelsFor(mode).filter((id) => (modelSpec(mode, id) as CreationModelSpec).detailLevel)
    throw validationError(`--detail-level is only supported by ${owners.join(', ')} (not ${name}).`)
  }

  if (spec?.detailLevel && raw.detail_level === undefined) {
    raw.detail_level = spec.detailLevel.default
    source.detail_level = 'builtin'
  }

  for (const key of ['count', 'duration']) if (raw[key] !== undefined) raw[key] = numeric(raw[key])

  // 4. Types and hard ranges, in the order of CREATION_PARAMS.
  for (const key of CREATION_PARAMS) {
    if (raw[key] !== undefined && !acceptable(mode, spec, key, raw[key]))
      throw hardError(mode, spec, key, raw[key], source[key] ?? 'flag')
  }

  const counts = options.inputs ?? {}
  checkCounts(mode, spec?.id, {
    ...(imageInputKey(m.inputs) && counts.images !== undefined
      ? {[imageInputKey(m.inputs) as string]: counts.images}
      : {}),
    ...(counts.videos === undefined ? {} : {videos: counts.videos}),
    ...(counts.audios === undefined ? {} : {audios: counts.audios}),
  })

  // 5. Soft coercion.
  const warn = (key: string, text: string) => {
    if (source[key] !== 'builtin') warnings.push(text)
  }

  const fb = fallbacks(m.kind)

  if (raw.quality !== undefined) {
    const q = raw.quality as string
    if (!spec) values.quality = q
    else if (spec.qualities.includes(q)) values.quality = q
    else {
      const use = spec.qualities.includes(fb.quality) ? fb.quality : spec.qualities[0]
      warn(
        'quality',
        `Model "${name}" does not support quality "${q}" (valid: ${spec.qualities.join(', ')}). Using "${use}".`,
      )
      values.quality = use
    }
  }

  if (raw.duration !== undefined) {
    const d = raw.duration as number
    if (!spec) values.duration = d
    else if (spec.durations.includes(d)) values.duration = d
    else {
      const preferred = spec.defaultDuration ?? fb.duration
      const use =
        source.duration === 'builtin'
          ? preferred !== undefined && spec.durations.includes(preferred)
            ? preferred
            : spec.durations[0]
          : nearest(spec.durations, d)
      warn(
        'duration',
        `Model "${name}" does not support duration "${d}" (valid: ${formatDurations(spec.durations)}). Using "${use}".`,
      )
      values.duration = use
    }
  }

  if (raw.aspect_ratio !== undefined) {
    const a = raw.aspect_ratio as string
    if (m.aspectRatioTextOnly && (counts.images ?? 0) > 0) {
      // i2v: the image decides; the field is not sent.
    } else if (!spec) values.aspect_ratio = a
    else if (spec.aspectRatioFromImage) {
      warn('aspect_ratio', `Model "${name}" takes its aspect ratio from the input image; ignoring --aspect-ratio.`)
    } else if (spec.aspectRatios.includes(a)) values.aspect_ratio = a
    else {
      const use = spec.aspectRatios.includes(fb.aspect_ratio) ? fb.aspect_ratio : spec.aspectRatios[0]
      warn(
        'aspect_ratio',
        `Model "${name}" does not support aspect ratio "${a}" (valid: ${spec.aspectRatios.join(', ')}). Using "${use}".`,
      )
      values.aspect_ratio = use
    }
  }

  if (m.params.includes('audio') && spec) {
    const wanted = raw.audio as boolean | undefined
    if (spec.audio === 'always') {
      if (wanted === false) warn('audio', `Model "${name}" always generates audio; ignoring --no-audio.`)
      values.audio = true
    } else if (spec.audio === 'optional') {
      if (wanted) values.audio = true
    } else if (wanted) {
      warn('audio', `Model "${name}" does not support audio; ignoring --audio.`)
    }
  }

  if (raw.multi_shot === true) {
    if (!spec || spec.multiShot) values.multi_shot = true
    else warn('multi_shot', `Model "${name}" does not support multi-shot; ignoring --multi-shot.`)
  }

  if (raw.off_peak === true) {
    if (!spec || spec.offPeak) values.off_peak = true
    else warn('off_peak', `Model "${name}" does not support off-peak; ignoring --off-peak.`)
  }

  if (raw.count !== undefined) {
    const n = raw.count as number
    if (spec?.maxCount !== undefined && n > spec.maxCount) {
      warn('count', `Model "${name}" supports up to ${spec.maxCount} images per generation. Using ${spec.maxCount}.`)
      values.count = spec.maxCount
    } else values.count = n
  }

  if (raw.detail_level !== undefined) values.detail_level = raw.detail_level as string

  return {values, warnings}
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
