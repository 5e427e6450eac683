import {type CreationModelSpec, type Mode, catalog, modelSpec, modelsFor, modes, modeSpec} from './index.js'

/**
 * What a person (or an agent) needs to know to pick a model: read from the catalogue only, for
 * `pixverse models`. Video and image models carry their limits as seen from one mode (a mode may
 * narrow a model), voice and music models their provider's facts.
 */
export interface ModelFacts {
  id: string
  name: string
  kind: 'video' | 'image' | 'voice' | 'music'
  /** The `create` commands that take this model (`motion-control`, not `motion_control`). */
  modes: string[]
  /** The mode these limits are read for. */
  mode: string
  qualities?: string[]
  durations?: number[]
  aspect_ratios?: string[]
  aspect_ratio_from_image?: boolean
  audio?: string
  multi_shot?: boolean
  off_peak?: boolean
  requires_image?: boolean
  inputs?: Record<string, {min: number; max?: number}>
  detail_levels?: string[]
  /** The most `--count` may ask of this model, only where the catalogue says so. */
  count_max?: number
  provider?: string
  max_chars?: number
  voice_settings?: string[]
  lyrics?: boolean
  auto_lyrics?: boolean
  instrumental?: boolean
  duration_seconds?: {min: number; max: number}
  max_images?: number
}

/** `motion_control` → `motion-control`: modes are spelled as the create commands are. */
export function modeWord(mode: Mode): string {
  return mode.replace(/_/g, '-')
}

/** `motion-control` (or `motion_control`) → the mode, undefined for anything else. */
export function modeOfWord(word: string): Mode | undefined {
  const mode = word.trim().toLowerCase().replace(/-/g, '_')
  return modes().find((m) => m === mode)
}

/** The modes whose whitelist holds the model, in catalogue order. */
export function modesOf(model: string): Mode[] {
  return modes().filter((mode) => modelsFor(mode).includes(model))
}

/** Every model of the catalogue, once, in mode order. */
export function allModels(): string[] {
  return [...new Set(modes().flatMap((mode) => modelsFor(mode)))]
}

/** The facts of `model` as `mode` sees it; undefined when the mode does not take the model. */
export function modelFacts(mode: Mode, model: string): ModelFacts | undefined {
  const spec = modelSpec(mode, model)
  if (!spec) return undefined
  const kind = modeSpec(mode).kind
  const base = {id: model, name: spec.name, kind, modes: modesOf(model).map(modeWord), mode: modeWord(mode)}
  if (kind === 'voice' && 'maxChars' in spec) {
    return {...base, provider: spec.provider, max_chars: spec.maxChars, voice_settings: spec.params.map((p) => p.key)}
  }

  if (kind === 'music' && 'autoLyrics' in spec) {
    return {
      ...base,
      provider: spec.provider,
      lyrics: spec.lyrics !== false,
      auto_lyrics: spec.autoLyrics,
      instrumental: spec.instrumental,
      duration_seconds: spec.durationSeconds,
      max_images: spec.maxImages,
    }
  }

  const creation = spec as CreationModelSpec
  const countMax = countCap(creation.kind, model)
  return {
    ...base,
    qualities: creation.qualities,
    ...(creation.kind === 'video' ? {durations: creation.durations} : {}),
    aspect_ratios: creation.aspectRatios,
    ...(creation.aspectRatioFromImage ? {aspect_ratio_from_image: true} : {}),
    ...(creation.kind === 'video'
      ? {audio: creation.audio, multi_shot: creation.multiShot, off_peak: creation.offPeak}
      : {}),
    ...(creation.requiresImage ? {requires_image: true} : {}),
    inputs: Object.fromEntries(
      Object.entries(creation.inputs).map(([key, limit]) => [
        key,
        {min: limit.min, ...(limit.max === undefined ? {} : {max: limit.max})},
      ]),
    ),
    ...(creation.detailLevel ? {detail_levels: creation.detailLevel.values} : {}),
    ...(countMax === undefined ? {} : {count_max: countMax}),
  }
}

/** A per-model `--count` cap (`max_count` in the data), when the catalogue has one. */
function countCap(kind: 'video' | 'image', model: string): number | undefined {
  const raw = (kind === 'image' ? catalog.image_models[model] : catalog.video_models[model]) as
    {max_count?: unknown} | undefined
  return typeof raw?.max_count === 'number' ? raw.max_count : undefined
}
