/**
 * JSON Schema (draft-07, ajv 8) of `models.json`, plus the cross-reference checks a schema cannot
 * express (every default model is in its mode's whitelist, every default is allowed for it, …).
 *
 * Plain data and plain functions: this module does not import ajv, so a test, a build step or a
 * `doctor` command can compile it with whatever ajv instance it already has.
 */

const QUALITY = {type: 'string', pattern: '^[0-9]+p$'} as const
const ASPECT = {type: 'string', pattern: '^([0-9]+:[0-9]+|auto)$'} as const
const MODEL_ID = {type: 'string', pattern: '^[a-z0-9][a-z0-9.-]*$'} as const
const NAME = {type: 'string', minLength: 1} as const
const NOTES = {type: 'string'} as const
const PARAM = {
  type: 'string',
  enum: ['quality', 'duration', 'aspect_ratio', 'audio', 'multi_shot', 'off_peak', 'count', 'detail_level'],
} as const
const POS_INT = {type: 'integer', minimum: 0} as const
const SCALAR = {anyOf: [{type: 'number'}, {type: 'boolean'}, {type: 'string'}]} as const

const range = {
  type: 'object',
  additionalProperties: false,
  required: ['min', 'max'],
  properties: {min: POS_INT, max: POS_INT},
} as const

/** `{min, max}` or an explicit, ascending list of values. */
const durations = {
  oneOf: [range, {type: 'array', minItems: 1, uniqueItems: true, items: {type: 'integer', minimum: 1}}],
} as const

/** Limits on one media input of a mode (`--image`, `--images`, `--videos`, `--audios`). */
const inputLimit = {
  type: 'object',
  additionalProperties: false,
  properties: {
    min: POS_INT,
    max: POS_INT,
    flag: {type: 'string', pattern: '^--'},
    min_seconds: POS_INT,
    max_seconds: POS_INT,
    max_total_seconds: POS_INT,
    max_bytes: POS_INT,
    requires_one_of: {type: 'array', minItems: 1, items: {type: 'string'}},
  },
} as const

const inputs = {type: 'object', additionalProperties: inputLimit, propertyNames: {pattern: '^[a-z]+$'}} as const

/** Fields of a video model; required for entries of `video_models`, optional in a mode's `overrides`. */
const videoModelProperties = {
  name: NAME,
  qualities: {type: 'array', minItems: 1, uniqueItems: true, items: QUALITY},
  durations,
  default_duration: {type: 'integer', minimum: 1},
  aspect_ratios: {type: 'array', uniqueItems: true, items: ASPECT},
  aspect_ratio_from_image: {type: 'boolean'},
  audio: {type: 'string', enum: ['none', 'optional', 'always']},
  multi_shot: {type: 'boolean'},
  off_peak: {type: 'boolean'},
  requires_image: {type: 'boolean'},
  inputs,
  notes: NOTES,
} as const

const videoModel = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'qualities', 'durations', 'aspect_ratios', 'audio', 'multi_shot', 'off_peak'],
  properties: videoModelProperties,
} as const

const imageModel = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'qualities', 'aspect_ratios', 'inputs'],
  properties: {
    name: NAME,
    qualities: {type: 'array', minItems: 1, uniqueItems: true, items: QUALITY},
    aspect_ratios: {type: 'array', minItems: 1, uniqueItems: true, items: ASPECT},
    /** The most images one generation of this model makes; a larger `--count` is lowered to it. */
    max_count: {type: 'integer', minimum: 1},
    inputs,
    detail_level: {
      type: 'object',
      additionalProperties: false,
      required: ['values', 'default'],
      properties: {
        values: {type: 'array', minItems: 1, uniqueItems: true, items: {type: 'string'}},
        default: {type: 'string'},
      },
    },
    notes: NOTES,
  },
} as const

/** One provider parameter: a tiny JSON Schema fragment plus its default. */
const voiceParam = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'default'],
  properties: {
    type: {type: 'string', enum: ['number', 'integer', 'boolean', 'string']},
    minimum: {type: 'number'},
    maximum: {type: 'number'},
    enum: {type: 'array', minItems: 1, uniqueItems: true, items: {type: 'string'}},
    default: SCALAR,
    /** The value that means "not sent" (e.g. emotion `auto`). */
    omit_if: SCALAR,
  },
} as const

const voiceProvider = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'params'],
  properties: {
    name: NAME,
    params: {type: 'object', additionalProperties: voiceParam, propertyNames: {pattern: '^[a-z_]+$'}},
  },
} as const

const voiceModel = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'provider', 'max_chars', 'params'],
  properties: {
    name: NAME,
    provider: {type: 'string'},
    max_chars: {type: 'integer', minimum: 1},
    /** The provider parameters this model takes, in wire order. */
    params: {type: 'array', uniqueItems: true, items: {type: 'string'}},
    /** false: the model detects the language itself and `language_code` is not sent. */
    language: {type: 'boolean'},
    notes: NOTES,
  },
} as const

const musicModel = {
  type: 'object',
  additionalProperties: false,
  required: [
    'name',
    'provider',
    'prompt_max_chars',
    'lyrics',
    'auto_lyrics',
    'instrumental',
    'duration_seconds',
    'max_images',
    'credits',
  ],
  properties: {
    name: NAME,
    provider: {type: 'string'},
    prompt_max_chars: {type: 'integer', minimum: 1},
    /** false: `--lyrics` is rejected. */
    lyrics: {
      oneOf: [
        {const: false},
        {
          type: 'object',
          additionalProperties: false,
          required: ['max_chars'],
          properties: {max_chars: {type: 'integer', minimum: 1}},
        },
      ],
    },
    auto_lyrics: {type: 'boolean'},
    instrumental: {type: 'boolean'},
    duration_seconds: range,
    max_images: POS_INT,
    credits: POS_INT,
    notes: NOTES,
  },
} as const

const modeDefaults = {
  type: 'object',
  additionalProperties: false,
  properties: {
    model: MODEL_ID,
    duration: {type: 'integer', minimum: 1},
    quality: QUALITY,
    aspect_ratio: ASPECT,
    audio: {type: 'boolean'},
    multi_shot: {type: 'boolean'},
    off_peak: {type: 'boolean'},
    count: {type: 'integer', minimum: 1},
    tts_speaker: {type: 'string'},
    language: {type: 'string'},
  },
} as const

const mode = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'title', 'config_defaults', 'models', 'default_model', 'params', 'defaults'],
  properties: {
    kind: {type: 'string', enum: ['video', 'image', 'voice', 'music']},
    title: NAME,
    era: {type: 'string', enum: ['seed', 'head']},
    /** Whether `config defaults` knows this mode. */
    config_defaults: {type: 'boolean'},
    /** The model whitelist, in the CLI's order; empty for modes without a model flag. */
    models: {type: 'array', uniqueItems: true, items: MODEL_ID},
    default_model: {oneOf: [MODEL_ID, {type: 'null'}]},
    /** What happens to a model outside the whitelist: exit 6 (default) or replaced by the default with a warning. */
    unsupported_model: {type: 'string', enum: ['error', 'replace']},
    /** Creation parameters the mode takes (the rest are ignored with a warning). */
    params: {type: 'array', uniqueItems: true, items: PARAM},
    /** `aspect_ratio` is only sent when no input image is given (t2v). */
    aspect_ratio_text_only: {type: 'boolean'},
    /** Mode-level choices, for modes without a model list. */
    qualities: {type: 'array', minItems: 1, uniqueItems: true, items: QUALITY},
    aspect_ratios: {type: 'array', minItems: 1, uniqueItems: true, items: ASPECT},
    durations,
    inputs,
    /** Per-model changes that only apply in this mode (e.g. Seedance takes 9 reference images). */
    overrides: {
      type: 'object',
      additionalProperties: {type: 'object', additionalProperties: false, properties: videoModelProperties},
    },
    defaults: modeDefaults,
  },
} as const

export const catalogSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://pixverse.local/schemas/models.json',
  title: 'PixVerse model catalogue',
  type: 'object',
  additionalProperties: false,
  required: [
    'tokens',
    'count',
    'fallbacks',
    'modes',
    'video_models',
    'image_models',
    'voice_providers',
    'voice_models',
    'music_models',
  ],
  properties: {
    $comment: {type: 'string'},
    tokens: {
      type: 'object',
      additionalProperties: false,
      required: ['qualities', 'aspect_ratios'],
      properties: {
        qualities: {type: 'array', minItems: 1, uniqueItems: true, items: QUALITY},
        aspect_ratios: {type: 'array', minItems: 1, uniqueItems: true, items: ASPECT},
      },
    },
    count: range,
    fallbacks: {
      type: 'object',
      additionalProperties: false,
      required: ['video', 'image'],
      properties: {
        video: {
          type: 'object',
          additionalProperties: false,
          required: ['quality', 'aspect_ratio', 'duration'],
          properties: {quality: QUALITY, aspect_ratio: ASPECT, duration: {type: 'integer', minimum: 1}},
        },
        image: {
          type: 'object',
          additionalProperties: false,
          required: ['quality', 'aspect_ratio'],
          properties: {quality: QUALITY, aspect_ratio: ASPECT},
        },
      },
    },
    modes: {type: 'object', additionalProperties: mode, propertyNames: {pattern: '^[a-z_]+$'}},
    video_models: {type: 'object', additionalProperties: videoModel, propertyNames: MODEL_ID},
    image_models: {type: 'object', additionalProperties: imageModel, propertyNames: MODEL_ID},
    voice_providers: {type: 'object', additionalProperties: voiceProvider},
    voice_models: {type: 'object', additionalProperties: voiceModel, propertyNames: MODEL_ID},
    music_models: {type: 'object', additionalProperties: musicModel, propertyNames: MODEL_ID},
  },
} as const

// ---------------------------------------------------------------------------------------------
// Cross-reference checks

type Json = Record<string, any>

function expand(d: Json | number[] | undefined): number[] {
  if (d === undefined) return []
  if (Array.isArray(d)) return d
  const out: number[] = []
  for (let i = d.min; i <= d.max; i++) out.push(i)
  return out
}

/**
 * Everything the schema cannot say. Returns one line per problem (empty = consistent).
 * Takes the parsed models.json (already valid against `catalogSchema`).
 */
export function checkCatalogReferences(catalog: Json): string[] {
  const problems: string[] = []
  const qTokens: string[] = catalog.tokens.qualities
  const aTokens: string[] = catalog.tokens.aspect_ratios
  const tables: Record<string, Json> = {
    video: catalog.video_models,
    image: catalog.image_models,
    voice: catalog.voice_models,
    music: catalog.music_models,
  }

  // Model ids are unique across tables (displayName() looks them up by id alone).
  const seen = new Map<string, string>()
  for (const [kind, table] of Object.entries(tables)) {
    for (const id of Object.keys(table)) {
      if (seen.has(id)) problems.push(`model "${id}" is in both ${seen.get(id)}_models and ${kind}_models`)
      seen.set(id, kind)
    }
  }

  const checkTokens = (where: string, qualities?: string[], aspects?: string[]) => {
    for (const q of qualities ?? [])
      if (!qTokens.includes(q)) problems.push(`${where}: quality "${q}" is not a quality token`)
    for (const a of aspects ?? [])
      if (!aTokens.includes(a)) problems.push(`${where}: aspect ratio "${a}" is not an aspect-ratio token`)
  }

  for (const [id, m] of Object.entries(catalog.video_models as Json)) {
    checkTokens(`video model ${id}`, m.qualities, m.aspect_ratios)
    const ds = expand(m.durations)
    if (Array.isArray(m.durations) && m.durations.some((d: number, i: number) => i > 0 && d <= m.durations[i - 1])) {
      problems.push(`video model ${id}: durations must be ascending`)
    }
    if (!Array.isArray(m.durations) && m.durations.min > m.durations.max)
      problems.push(`video model ${id}: durations min > max`)
    if (m.default_duration !== undefined && !ds.includes(m.default_duration)) {
      problems.push(`video model ${id}: default_duration ${m.default_duration} is not an allowed duration`)
    }
    if (m.aspect_ratios.length === 0 && !m.aspect_ratio_from_image) {
      problems.push(`video model ${id}: no aspect ratios and aspect_ratio_from_image is not set`)
    }
  }

  for (const [id, m] of Object.entries(catalog.image_models as Json)) {
    checkTokens(`image model ${id}`, m.qualities, m.aspect_ratios)
    if (m.detail_level && !m.detail_level.values.includes(m.detail_level.default)) {
      problems.push(`image model ${id}: detail_level default "${m.detail_level.default}" is not one of its values`)
    }
  }

  for (const [id, m] of Object.entries(catalog.voice_models as Json)) {
    const provider = catalog.voice_providers[m.provider]
    if (!provider) {
      problems.push(`voice model ${id}: unknown provider "${m.provider}"`)
      continue
    }
    for (const p of m.params)
      if (!(p in provider.params)) problems.push(`voice model ${id}: "${p}" is not a ${m.provider} parameter`)
  }

  for (const [pid, provider] of Object.entries(catalog.voice_providers as Json)) {
    for (const [name, p] of Object.entries(provider.params as Json)) {
      const where = `voice provider ${pid} param ${name}`
      if ((p.type === 'number' || p.type === 'integer') && (p.minimum === undefined || p.maximum === undefined)) {
        problems.push(`${where}: numbers need minimum and maximum`)
      }
      if ((p.type === 'number' || p.type === 'integer') && (p.default < p.minimum || p.default > p.maximum)) {
        problems.push(`${where}: default out of range`)
      }
      if (p.type === 'string' && !(p.enum ?? []).includes(p.default)) problems.push(`${where}: default not in enum`)
      if (p.type === 'boolean' && typeof p.default !== 'boolean') problems.push(`${where}: default must be a boolean`)
    }
  }

  for (const [id, m] of Object.entries(catalog.music_models as Json)) {
    if (m.duration_seconds.min > m.duration_seconds.max) problems.push(`music model ${id}: duration_seconds min > max`)
  }

  const fallbackFor = (kind: string) => (kind === 'image' ? catalog.fallbacks.image : catalog.fallbacks.video)

  for (const [name, mode] of Object.entries(catalog.modes as Json)) {
    const where = `mode ${name}`
    const table = tables[mode.kind]
    const d = mode.defaults
    if (mode.models.length === 0) {
      if (mode.default_model !== null) problems.push(`${where}: default_model without a model list`)
      if (d.model !== undefined) problems.push(`${where}: defaults.model without a model list`)
      if (mode.params.includes('quality') && !mode.qualities)
        problems.push(`${where}: takes quality but lists no qualities`)
    } else {
      if (!mode.models.includes(mode.default_model))
        problems.push(`${where}: default model "${mode.default_model}" is not in its whitelist`)
      if (d.model !== undefined && d.model !== mode.default_model)
        problems.push(`${where}: defaults.model differs from default_model`)
    }
    for (const id of mode.models)
      if (!(id in table)) problems.push(`${where}: model "${id}" is not in ${mode.kind}_models`)
    for (const id of Object.keys(mode.overrides ?? {}))
      if (!mode.models.includes(id)) problems.push(`${where}: override for "${id}", which is not in the whitelist`)
    checkTokens(where, mode.qualities, mode.aspect_ratios)

    // Every defaulted parameter is one the mode takes.
    for (const key of ['quality', 'duration', 'aspect_ratio', 'audio', 'multi_shot', 'off_peak', 'count']) {
      if (d[key] !== undefined && !mode.params.includes(key))
        problems.push(`${where}: default for "${key}", which the mode does not take`)
    }
    if (d.count !== undefined && (d.count < catalog.count.min || d.count > catalog.count.max))
      problems.push(`${where}: default count out of range`)

    // Input limits: min <= max; requires_one_of names other inputs of the mode.
    const inputNames = Object.keys(mode.inputs ?? {})
    for (const [input, lim] of Object.entries((mode.inputs ?? {}) as Json)) {
      if (lim.min !== undefined && lim.max !== undefined && lim.min > lim.max)
        problems.push(`${where}: input ${input} min > max`)
      for (const other of lim.requires_one_of ?? [])
        if (!inputNames.includes(other)) problems.push(`${where}: input ${input} requires unknown input "${other}"`)
    }

    if (mode.kind !== 'video' && mode.kind !== 'image') continue
    const fb = fallbackFor(mode.kind)
    const defaultModel = mode.default_model
      ? {...table[mode.default_model], ...mode.overrides?.[mode.default_model]}
      : undefined
    const qualities: string[] = defaultModel?.qualities ?? mode.qualities ?? []
    const aspects: string[] = defaultModel?.aspect_ratios ?? mode.aspect_ratios ?? []
    if (d.quality !== undefined && !qualities.includes(d.quality))
      problems.push(`${where}: default quality "${d.quality}" is not allowed for its default model`)
    if (d.aspect_ratio !== undefined && !aspects.includes(d.aspect_ratio))
      problems.push(`${where}: default aspect ratio "${d.aspect_ratio}" is not allowed for its default model`)
    const ds = expand(defaultModel?.durations ?? mode.durations)
    if (d.duration !== undefined && !ds.includes(d.duration))
      problems.push(`${where}: default duration ${d.duration} is not allowed for its default model`)
    if (d.audio === true && defaultModel && defaultModel.audio === 'none')
      problems.push(`${where}: default audio on, but the default model has none`)
    if (d.multi_shot === true && defaultModel && !defaultModel.multi_shot)
      problems.push(`${where}: default multi-shot on, but the default model has none`)
    if (!qTokens.includes(fb.quality) || !aTokens.includes(fb.aspect_ratio))
      problems.push(`${where}: fallback is not a token`)
    if (mode.kind === 'image') {
      for (const id of mode.models)
        if (!table[id].inputs?.images) problems.push(`${where}: image model "${id}" has no images input limit`)
    }
  }
  return problems
}
