/**
 * The parameters of a video or image creation, read from the flag values: soft coercion of quality /
 * duration / aspect ratio / audio / multi-shot / off-peak (warnings, docs/models.md and docs/protocol.md §3.0.1),
 * and the hard limits that are errors (exit 6).
 *
 * Every limit is read from the catalogue (index.ts) and checked directly, each message built where
 * its check is made. Only import this module inside `run()`.
 */
import {type CliError, validationError} from '../errors.js'
import {
  CREATION_PARAMS,
  type CreationModelSpec,
  type Mode,
  builtInDefaults,
  countRange,
  defaultModel,
  fallbacks,
  flagName,
  modeChoices,
  modeSpec,
  modelSpec,
  modelsFor,
} from './index.js'
import {type MediaCounts, checkCounts, imageInputKey} from './media-limits.js'
import {type ValueSource, assertModel, configMode, fixCommand, modeLabel, modeLabelLong, show} from './resolve-model.js'

/**
 * What was asked for, keyed by flag name as the command's parser gives it (`quality`, `aspect-ratio`,
 * `multi-shot`, …): the catalogue's snake_case key with dashes. Keys the mode does not use are ignored.
 */
export type FlagValues = Record<string, unknown>

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

/** "5" → 5 for numeric strings (flags may arrive as text); anything else unchanged. */
export function numeric(value: unknown): unknown {
  if (typeof value === 'string' && /^\s*-?(\d+\.?\d*|\.\d+)\s*$/.test(value)) return Number(value)
  return value
}

export function codePoints(text: string): number {
  return [...text].length
}

// ---------------------------------------------------------------------------------------------
// Creation parameters

/** `aspect_ratio` → the value of `--aspect-ratio`. */
export function flagValue(requested: FlagValues, key: string): unknown {
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
