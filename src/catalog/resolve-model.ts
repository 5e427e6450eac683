/**
 * The model of a creation: `--model`, else the saved default, else the built-in one, checked against
 * the mode's whitelist in the catalogue (exit 6, naming the fix when a saved default is wrong).
 */
import {validationError} from '../errors.js'
import {type Mode, defaultModel, defaultModes, modeSpec, modelsFor} from './index.js'

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

export function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/** How the user-facing command names a mode (`motion_control` → `motion-control`). */
export function modeLabel(mode: Mode): string {
  if (mode === 'transition_multi') return 'transition'
  return mode.replace(/_/g, '-')
}

export function configMode(mode: Mode): Mode | undefined {
  const m = mode === 'transition_multi' ? 'transition' : mode
  return defaultModes().includes(m) ? m : undefined
}

export function fixCommand(mode: Mode, key: string, value: unknown): string | undefined {
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

export function modeLabelLong(mode: Mode): string {
  return mode === 'transition_multi' ? '3+ image transitions' : modeLabel(mode)
}

/** Transitions: 2 images → `transition`, 3+ → `transition_multi`; fewer → exit 6. */
export function transitionModeFor(imageCount: number): 'transition' | 'transition_multi' {
  const two = modeSpec('transition').inputs.images
  if (imageCount < two.min)
    throw validationError(`At least ${two.min} images are required for transition (use --images)`)
  return imageCount <= (two.max ?? two.min) ? 'transition' : 'transition_multi'
}
