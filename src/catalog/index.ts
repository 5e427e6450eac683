/**
 * Typed, cheap reader of the model catalogue (`models.json`): the one place model limits live.
 *
 * Imported by command files at load time (flag `options`, help text, completion), so this module
 * only loads the JSON and defines tiny functions — no ajv here (the checks live in resolve*.ts and
 * media-limits.ts, the data's schema in schema.ts, typed by the types below). Never copy a limit out
 * of the data into code.
 */
import data from './models.json' with {type: 'json'}

/** Every creation mode the catalogue describes. `modes()` returns those present in the data. */
export const MODES = [
  'video',
  'transition',
  'transition_multi',
  'extend',
  'reference',
  'modify',
  'motion_control',
  'upscale',
  'template',
  'image',
  'voice',
  'music',
  'speech',
  'sound',
] as const
export type Mode = (typeof MODES)[number]
export type ModelKind = 'video' | 'image' | 'voice' | 'music'
export type AudioSupport = 'none' | 'optional' | 'always'
/** The parameters a video/image mode may take, in the order they are checked; the flag is the key with dashes. */
export const CREATION_PARAMS = [
  'quality',
  'duration',
  'aspect_ratio',
  'audio',
  'multi_shot',
  'off_peak',
  'count',
  'detail_level',
] as const
export type CreationParam = (typeof CREATION_PARAMS)[number]

export interface Range {
  min: number
  max: number
}
/** A `{min, max}` range (every integer in it) or an explicit list. */
export type DurationSet = Range | number[]

export interface InputLimit {
  min?: number
  max?: number
  /** The flag(s) that carry this input, for messages, e.g. `--images`. */
  flag?: string
  min_seconds?: number
  max_seconds?: number
  max_total_seconds?: number
  max_bytes?: number
  /** At least one of these other inputs must be given when this one is. */
  requires_one_of?: string[]
}

/** A limit after merging mode, model and per-mode override: `min`/`flag` always present. */
export interface ResolvedInputLimit extends InputLimit {
  min: number
  flag: string
}

// ---------------------------------------------------------------------------------------------
// Raw data shapes: the schema in schema.ts is typed by them (JSONSchemaType), so the two cannot drift

export interface RawVideoModel {
  name: string
  qualities: string[]
  durations: DurationSet
  default_duration?: number
  aspect_ratios: string[]
  aspect_ratio_from_image?: boolean
  audio: AudioSupport
  multi_shot: boolean
  off_peak: boolean
  requires_image?: boolean
  inputs?: Record<string, InputLimit>
  notes?: string
}

export interface RawImageModel {
  name: string
  qualities: string[]
  aspect_ratios: string[]
  max_count?: number
  inputs: Record<string, InputLimit>
  detail_level?: {values: string[]; default: string}
  notes?: string
}

export interface VoiceParamDef {
  type: 'number' | 'integer' | 'boolean' | 'string'
  minimum?: number
  maximum?: number
  enum?: string[]
  default: number | boolean | string
  omit_if?: number | boolean | string
}

export interface RawVoiceModel {
  name: string
  provider: string
  max_chars: number
  params: string[]
  language?: boolean
  notes?: string
}

export interface RawMusicModel {
  name: string
  provider: string
  prompt_max_chars: number
  lyrics: false | {max_chars: number}
  auto_lyrics: boolean
  instrumental: boolean
  duration_seconds: Range
  max_images: number
  credits: number
  notes?: string
}

export interface ModeDefaults {
  model?: string
  duration?: number
  quality?: string
  aspect_ratio?: string
  audio?: boolean
  multi_shot?: boolean
  off_peak?: boolean
  count?: number
  tts_speaker?: string
  language?: string
}

export interface RawMode {
  kind: ModelKind
  title: string
  era?: 'seed' | 'head'
  config_defaults: boolean
  models: string[]
  default_model: string | null
  unsupported_model?: 'error' | 'replace'
  params: CreationParam[]
  aspect_ratio_text_only?: boolean
  qualities?: string[]
  aspect_ratios?: string[]
  durations?: DurationSet
  inputs?: Record<string, InputLimit>
  overrides?: Record<string, Partial<RawVideoModel>>
  defaults: ModeDefaults
}

export interface Catalog {
  tokens: {qualities: string[]; aspect_ratios: string[]}
  count: Range
  fallbacks: {
    video: {quality: string; aspect_ratio: string; duration: number}
    image: {quality: string; aspect_ratio: string}
  }
  /** Keyed by string so the schema can type it; test/unit/catalog.test.ts checks the keys are exactly MODES. */
  modes: Record<string, RawMode>
  video_models: Record<string, RawVideoModel>
  image_models: Record<string, RawImageModel>
  voice_providers: Record<string, {name: string; params: Record<string, VoiceParamDef>}>
  voice_models: Record<string, RawVoiceModel>
  music_models: Record<string, RawMusicModel>
}

/** The raw catalogue (read-only by convention; prefer the functions below). */
export const catalog = data as unknown as Catalog

// ---------------------------------------------------------------------------------------------
// Public, normalised shapes

/** A video or image model as seen from one mode (mode overrides applied, durations expanded). */
export interface CreationModelSpec {
  id: string
  name: string
  kind: 'video' | 'image'
  mode: Mode
  qualities: string[]
  aspectRatios: string[]
  /** The model takes its aspect ratio from the input image (`--aspect-ratio` is ignored). */
  aspectRatioFromImage: boolean
  /** Allowed durations in seconds, ascending (empty for image models). */
  durations: number[]
  defaultDuration?: number
  audio: AudioSupport
  multiShot: boolean
  offPeak: boolean
  requiresImage: boolean
  inputs: Record<string, ResolvedInputLimit>
  detailLevel?: {values: string[]; default: string}
  /** Image models: the most images one generation makes (`--count` above it is lowered). */
  maxCount?: number
  notes?: string
}

export interface VoiceParamSpec extends VoiceParamDef {
  /** snake_case key, as in `voice_settings`. */
  key: string
  flag: string
}

export interface VoiceModelSpec {
  id: string
  name: string
  provider: string
  providerName: string
  maxChars: number
  /** The provider parameters this model takes, in wire order. */
  params: VoiceParamSpec[]
  /** false: `language_code` is never sent (the model detects the language). */
  language: boolean
}

export interface MusicModelSpec {
  id: string
  name: string
  provider: string
  promptMaxChars: number
  /** false: `--lyrics` is rejected. */
  lyrics: false | {maxChars: number}
  autoLyrics: boolean
  instrumental: boolean
  durationSeconds: Range
  maxImages: number
  credits: number
}

export type SpecFor<M extends Mode> = M extends 'voice'
  ? VoiceModelSpec
  : M extends 'music'
    ? MusicModelSpec
    : CreationModelSpec

export interface ModeSpec {
  mode: Mode
  kind: ModelKind
  title: string
  era: 'seed' | 'head'
  configDefaults: boolean
  unsupportedModel: 'error' | 'replace'
  params: CreationParam[]
  aspectRatioTextOnly: boolean
  inputs: Record<string, ResolvedInputLimit>
}

// ---------------------------------------------------------------------------------------------
// Helpers

export function expandDurations(set: DurationSet | undefined): number[] {
  if (set === undefined) return []
  if (Array.isArray(set)) return [...set]
  const out: number[] = []
  for (let d = set.min; d <= set.max; d++) out.push(d)
  return out
}

/** `--detail-level`, `--similarity-boost`: the CLI flag for a snake_case key. */
export function flagName(key: string): string {
  return `--${key.replace(/_/g, '-')}`
}

function rawMode(mode: Mode): RawMode {
  const m = catalog.modes[mode]
  if (!m) throw new Error(`Unknown mode "${mode}"`)
  return m
}

function mergeInputs(...layers: (Record<string, InputLimit> | undefined)[]): Record<string, ResolvedInputLimit> {
  const out: Record<string, ResolvedInputLimit> = {}
  for (const layer of layers) {
    for (const [key, lim] of Object.entries(layer ?? {})) {
      const defaults: ResolvedInputLimit = {min: 0, flag: flagName(key)}
      out[key] = {...defaults, ...out[key], ...lim}
    }
  }
  return out
}

function byTokenOrder(values: Iterable<string>, tokens: string[]): string[] {
  const set = new Set(values)
  const known = tokens.filter((t) => set.has(t))
  const unknown = [...set].filter((v) => !tokens.includes(v))
  return [...known, ...unknown]
}

// ---------------------------------------------------------------------------------------------
// Reader API

export function isMode(value: string): value is Mode {
  return Object.hasOwn(catalog.modes, value)
}

/** Every mode in the catalogue. */
export function modes(): Mode[] {
  return Object.keys(catalog.modes) as Mode[]
}

/** The modes `config defaults` knows. */
export function defaultModes(): Mode[] {
  return modes().filter((m) => catalog.modes[m].config_defaults)
}

export function modeSpec(mode: Mode): ModeSpec {
  const m = rawMode(mode)
  return {
    mode,
    kind: m.kind,
    title: m.title,
    era: m.era ?? 'head',
    configDefaults: m.config_defaults,
    unsupportedModel: m.unsupported_model ?? 'error',
    params: [...m.params],
    aspectRatioTextOnly: m.aspect_ratio_text_only ?? false,
    inputs: mergeInputs(m.inputs),
  }
}

/** The mode's model whitelist, in the CLI's order (empty: the mode has no `--model`). */
export function modelsFor(mode: Mode): string[] {
  return [...rawMode(mode).models]
}

export function defaultModel(mode: Mode): string | undefined {
  return rawMode(mode).default_model ?? undefined
}

/** Built-in `config defaults` of the mode (docs/protocol.md §7), a fresh copy. */
export function builtInDefaults(mode: Mode): Record<string, unknown> {
  return {...rawMode(mode).defaults}
}

export function isModelAllowed(mode: Mode, model: string): boolean {
  return rawMode(mode).models.includes(model)
}

const specCache = new Map<string, unknown>()

/** The model as seen from `mode`, or undefined when the model is not in the mode's whitelist. */
export function modelSpec<M extends Mode>(mode: M, model: string): SpecFor<M> | undefined {
  const key = `${mode}\u0000${model}`
  if (specCache.has(key)) return specCache.get(key) as SpecFor<M>
  const m = rawMode(mode)
  let spec: unknown
  if (!m.models.includes(model)) spec = undefined
  else if (m.kind === 'voice') spec = voiceModel(model)
  else if (m.kind === 'music') spec = musicModel(model)
  else if (m.kind === 'image') spec = imageSpec(mode, m, model)
  else spec = videoSpec(mode, m, model)
  specCache.set(key, spec)
  return spec as SpecFor<M> | undefined
}

function videoSpec(mode: Mode, m: RawMode, id: string): CreationModelSpec | undefined {
  const base = catalog.video_models[id]
  if (!base) return undefined
  const raw: RawVideoModel = {...base, ...m.overrides?.[id]}
  return {
    id,
    name: raw.name,
    kind: 'video',
    mode,
    qualities: [...raw.qualities],
    aspectRatios: [...raw.aspect_ratios],
    aspectRatioFromImage: raw.aspect_ratio_from_image ?? false,
    durations: expandDurations(raw.durations),
    ...(raw.default_duration === undefined ? {} : {defaultDuration: raw.default_duration}),
    audio: raw.audio,
    multiShot: raw.multi_shot,
    offPeak: raw.off_peak,
    requiresImage: raw.requires_image ?? false,
    inputs: mergeInputs(m.inputs, base.inputs, m.overrides?.[id]?.inputs),
    ...(raw.notes ? {notes: raw.notes} : {}),
  }
}

function imageSpec(mode: Mode, m: RawMode, id: string): CreationModelSpec | undefined {
  const raw = catalog.image_models[id]
  if (!raw) return undefined
  return {
    id,
    name: raw.name,
    kind: 'image',
    mode,
    qualities: [...raw.qualities],
    aspectRatios: [...raw.aspect_ratios],
    aspectRatioFromImage: false,
    durations: [],
    audio: 'none',
    multiShot: false,
    offPeak: false,
    requiresImage: false,
    inputs: mergeInputs(m.inputs, raw.inputs, m.overrides?.[id]?.inputs),
    ...(raw.max_count === undefined ? {} : {maxCount: raw.max_count}),
    ...(raw.detail_level
      ? {detailLevel: {values: [...raw.detail_level.values], default: raw.detail_level.default}}
      : {}),
    ...(raw.notes ? {notes: raw.notes} : {}),
  }
}

export function voiceModel(id: string): VoiceModelSpec | undefined {
  const raw = Object.hasOwn(catalog.voice_models, id) ? catalog.voice_models[id] : undefined
  if (!raw) return undefined
  const provider = catalog.voice_providers[raw.provider]
  return {
    id,
    name: raw.name,
    provider: raw.provider,
    providerName: provider?.name ?? raw.provider,
    maxChars: raw.max_chars,
    params: raw.params.map((key) => ({...provider.params[key], key, flag: flagName(key)})),
    language: raw.language ?? true,
  }
}

export function musicModel(id: string): MusicModelSpec | undefined {
  const raw = Object.hasOwn(catalog.music_models, id) ? catalog.music_models[id] : undefined
  if (!raw) return undefined
  return {
    id,
    name: raw.name,
    provider: raw.provider,
    promptMaxChars: raw.prompt_max_chars,
    lyrics: raw.lyrics === false ? false : {maxChars: raw.lyrics.max_chars},
    autoLyrics: raw.auto_lyrics,
    instrumental: raw.instrumental,
    durationSeconds: {...raw.duration_seconds},
    maxImages: raw.max_images,
    credits: raw.credits,
  }
}

/** Every voice parameter any provider knows, with the models that accept it (for messages/help). */
/** Every voice setting any voice model takes (`speed`, `similarity_boost`, …). */
export function voiceParamKeys(): string[] {
  return [...new Set(Object.values(catalog.voice_models).flatMap((m) => m.params))]
}

export function voiceParamOwners(key: string): string[] {
  return Object.entries(catalog.voice_models)
    .filter(([, m]) => m.params.includes(key))
    .map(([id]) => id)
}

/** Marketing name of any model id (`model_name_default`), undefined for unknown ids. */
export function displayName(model: string): string | undefined {
  for (const table of [catalog.video_models, catalog.image_models, catalog.voice_models, catalog.music_models]) {
    if (Object.hasOwn(table, model)) return (table as Record<string, {name: string}>)[model].name
  }
  return undefined
}

/** All quality tokens, in canonical order. */
export function qualityTokens(): string[] {
  return [...catalog.tokens.qualities]
}

/** All aspect-ratio tokens, in canonical order. */
export function aspectRatioTokens(): string[] {
  return [...catalog.tokens.aspect_ratios]
}

function unionOverModels(mode: Mode, pick: (s: CreationModelSpec) => string[]): string[] {
  const out: string[] = []
  for (const id of rawMode(mode).models) out.push(...pick(modelSpec(mode, id) as CreationModelSpec))
  return out
}

/** Every quality any model of the mode accepts, in token order (flag `options`, completion). */
export function qualitiesFor(mode: Mode): string[] {
  const m = rawMode(mode)
  if (!m.params.includes('quality')) return []
  if (m.qualities) return byTokenOrder(m.qualities, catalog.tokens.qualities)
  return byTokenOrder(
    unionOverModels(mode, (s) => s.qualities),
    catalog.tokens.qualities,
  )
}

/** Every aspect ratio any model of the mode accepts, in token order; [] if the mode takes none. */
export function aspectRatiosFor(mode: Mode): string[] {
  const m = rawMode(mode)
  if (!m.params.includes('aspect_ratio')) return []
  if (m.aspect_ratios) return byTokenOrder(m.aspect_ratios, catalog.tokens.aspect_ratios)
  return byTokenOrder(
    unionOverModels(mode, (s) => s.aspectRatios),
    catalog.tokens.aspect_ratios,
  )
}

/** Every duration any model of the mode accepts, ascending; [] if the mode takes none. */
export function durationsFor(mode: Mode): number[] {
  const m = rawMode(mode)
  if (!m.params.includes('duration')) return []
  const all =
    m.models.length === 0
      ? expandDurations(m.durations)
      : m.models.flatMap((id) => (modelSpec(mode, id) as CreationModelSpec).durations)
  return [...new Set(all)].sort((a, b) => a - b)
}

/** `--count` range (every model). */
export function countRange(): Range {
  return {...catalog.count}
}

/** `--count` range of one model: the global range, lowered to the model's `max_count`. */
export function countRangeFor(mode: Mode, model?: string): Range {
  const spec = model ? (modelSpec(mode, model) as CreationModelSpec | undefined) : undefined
  const range = countRange()
  return spec?.maxCount === undefined ? range : {min: range.min, max: Math.min(range.max, spec.maxCount)}
}

/** The models of a mode whose `--count` is capped below the global maximum, with their cap. */
export function lowerCountCaps(mode: Mode): Array<{model: string; max: number}> {
  return modelsFor(mode)
    .map((model) => ({model, max: countRangeFor(mode, model).max}))
    .filter((cap) => cap.max < countRange().max)
}

/** Soft-coercion fallbacks of a model kind (video 720p/16:9/5 s, image 1080p/1:1). */
export function fallbacks(kind: 'video' | 'image'): {quality: string; aspect_ratio: string; duration?: number} {
  return {...catalog.fallbacks[kind]}
}

/** For modes without a model list (upscale, template): the mode's own choices. */
export function modeChoices(mode: Mode): {qualities: string[]; aspectRatios: string[]; durations: number[]} {
  const m = rawMode(mode)
  return {
    qualities: [...(m.qualities ?? [])],
    aspectRatios: [...(m.aspect_ratios ?? [])],
    durations: expandDurations(m.durations),
  }
}
