/**
 * Rules of `config defaults` (docs/protocol.md §7), read from the catalogue: which modes and keys exist,
 * how a typed value is coerced, which models a mode accepts. Pure functions, unit-tested.
 */
import {type Mode, builtInDefaults, defaultModes, modeSpec, modelsFor, qualitiesFor} from '../catalog/index.js'
import {validationError} from '../errors.js'

const NUMERIC = new Set(['duration', 'count'])

/** `motion-control` and `Motion_Control` both mean the mode `motion_control`. `flag` names a flag input. */
export function parseMode(input: string, flag?: string): Mode {
  const mode = input.trim().toLowerCase().replace(/-/g, '_')
  const known = defaultModes()
  if (!(known as string[]).includes(mode))
    throw validationError(`Unknown mode${flag ? ` for ${flag}` : ''}: ${input}`, `Modes: ${known.join(', ')}.`)
  return mode as Mode
}

/** Keys a mode's defaults may hold: `model` when the mode has models, then the mode's creation params. */
export function allowedKeys(mode: Mode): string[] {
  const keys = modelsFor(mode).length > 0 ? ['model'] : []
  return [...keys, ...modeSpec(mode).params]
}

/** `aspect-ratio` → `aspect_ratio`; unknown keys are exit 6 naming the accepted ones. */
export function parseKey(mode: Mode, input: string): string {
  const key = input.trim().toLowerCase().replace(/-/g, '_')
  const keys = allowedKeys(mode)
  if (!keys.includes(key))
    throw validationError(`Unknown key "${input}" for mode ${mode}`, `Keys for ${mode}: ${keys.join(', ')}.`)
  return key
}

/** duration/count → number; "true"/"false" → boolean; anything else stays a string. Model and upscale quality are checked. */
export function coerceValue(mode: Mode, key: string, raw: string): unknown {
  const text = raw.trim()
  if (NUMERIC.has(key)) {
    const value = Number(text)
    if (text === '' || !Number.isFinite(value))
      throw validationError(`Invalid value for ${key}: "${raw}" (must be a number)`)
    return value
  }

  if (key === 'model') {
    const models = modelsFor(mode)
    if (!models.includes(text))
      throw validationError(`Model "${text}" is not available for ${mode}`, `Models for ${mode}: ${models.join(', ')}.`)
    return text
  }

  if (mode === 'upscale' && key === 'quality') {
    const qualities = qualitiesFor(mode)
    if (!qualities.includes(text))
      throw validationError(`Quality "${text}" is not available for upscale (valid: ${qualities.join(', ')})`)
    return text
  }

  if (text === 'true') return true
  if (text === 'false') return false
  return text
}

/** Built-in defaults merged with the stored overrides, for one mode. */
export function effectiveDefaults(
  mode: Mode,
  stored: Record<string, Record<string, unknown>>,
): Record<string, unknown> {
  return {...builtInDefaults(mode), ...stored[mode]}
}
