/**
 * JSON Schema (draft-07, ajv 8) of `models.json`, typed by the data's own types (index.ts): with
 * `JSONSchemaType`, TypeScript refuses a schema that does not describe them, so schema and types
 * cannot drift. ajv itself is not loaded here (a type import only): the unit tests and `doctor`-like
 * tools compile it; the CLI reads the data through index.ts. Optional fields are `nullable` because
 * ajv's typing asks for it; the tests also refuse `null` anywhere in the data.
 */
import type {JSONSchemaType} from 'ajv'

import {
  CREATION_PARAMS,
  type Catalog,
  type DurationSet,
  type InputLimit,
  type ModeDefaults,
  type Range,
  type RawImageModel,
  type RawMode,
  type RawMusicModel,
  type RawVideoModel,
  type RawVoiceModel,
  type VoiceParamDef,
} from './index.js'

const QUALITY = {type: 'string', pattern: '^[0-9]+p$'} as const
const ASPECT = {type: 'string', pattern: '^([0-9]+:[0-9]+|auto)$'} as const
const MODEL_ID = {type: 'string', pattern: '^[a-z0-9][a-z0-9.-]*$'} as const
const NAME = {type: 'string', minLength: 1} as const
const NOTES = {type: 'string', nullable: true} as const
const POS_INT = {type: 'integer', minimum: 0} as const
const OPTIONAL_POS_INT = {...POS_INT, nullable: true} as const
const qualities = {type: 'array', minItems: 1, uniqueItems: true, items: QUALITY} as const
const aspectRatios = {type: 'array', minItems: 1, uniqueItems: true, items: ASPECT} as const

const range: JSONSchemaType<Range> = {
  type: 'object',
  additionalProperties: false,
  required: ['min', 'max'],
  properties: {min: POS_INT, max: POS_INT},
}

const durationList: JSONSchemaType<number[]> = {
  type: 'array',
  minItems: 1,
  uniqueItems: true,
  items: {type: 'integer', minimum: 1},
}

/** `{min, max}` or an explicit, ascending list of values. */
const durations: JSONSchemaType<DurationSet> = {oneOf: [range, durationList]}

/** The same, where it may be left out (ajv's `nullable` needs a `type`, which a union has not). */
const optionalDurations = {
  oneOf: [range, durationList, {type: 'null', nullable: true}],
} as unknown as JSONSchemaType<DurationSet> & {nullable: true}

/** Limits on one media input of a mode (`--image`, `--images`, `--videos`, `--audios`). */
const inputLimit: JSONSchemaType<InputLimit> = {
  type: 'object',
  additionalProperties: false,
  properties: {
    min: OPTIONAL_POS_INT,
    max: OPTIONAL_POS_INT,
    flag: {type: 'string', pattern: '^--', nullable: true},
    min_seconds: OPTIONAL_POS_INT,
    max_seconds: OPTIONAL_POS_INT,
    max_total_seconds: OPTIONAL_POS_INT,
    max_bytes: OPTIONAL_POS_INT,
    requires_one_of: {type: 'array', minItems: 1, items: {type: 'string'}, nullable: true},
  },
}

const inputs: JSONSchemaType<Record<string, InputLimit>> = {
  type: 'object',
  additionalProperties: inputLimit,
  propertyNames: {pattern: '^[a-z]+$'},
  required: [],
}

/** Fields of a video model; required for entries of `video_models`, optional in a mode's `overrides`. */
const videoModelProperties = {
  name: NAME,
  qualities,
  durations,
  default_duration: {type: 'integer', minimum: 1, nullable: true},
  aspect_ratios: {type: 'array', uniqueItems: true, items: ASPECT},
  aspect_ratio_from_image: {type: 'boolean', nullable: true},
  audio: {type: 'string', enum: ['none', 'optional', 'always']},
  multi_shot: {type: 'boolean'},
  off_peak: {type: 'boolean'},
  requires_image: {type: 'boolean', nullable: true},
  inputs: {...inputs, nullable: true},
  notes: NOTES,
} as const

const videoModel: JSONSchemaType<RawVideoModel> = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'qualities', 'durations', 'aspect_ratios', 'audio', 'multi_shot', 'off_peak'],
  properties: videoModelProperties,
}

/** The same fields, every one optional: a mode's per-model changes. */
const videoOverride: JSONSchemaType<Partial<RawVideoModel>> = {
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(
    Object.entries(videoModelProperties).map(([key, schema]) => [
      key,
      key === 'durations' ? optionalDurations : {...schema, nullable: true},
    ]),
  ) as JSONSchemaType<Partial<RawVideoModel>>['properties'],
}

const imageModel: JSONSchemaType<RawImageModel> = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'qualities', 'aspect_ratios', 'inputs'],
  properties: {
    name: NAME,
    qualities,
    aspect_ratios: aspectRatios,
    /** The most images one generation of this model makes; a larger `--count` is lowered to it. */
    max_count: {type: 'integer', minimum: 1, nullable: true},
    inputs,
    detail_level: {
      type: 'object',
      nullable: true,
      additionalProperties: false,
      required: ['values', 'default'],
      properties: {
        values: {type: 'array', minItems: 1, uniqueItems: true, items: {type: 'string'}},
        default: {type: 'string'},
      },
    },
    notes: NOTES,
  },
}

/** One provider parameter: a tiny JSON Schema fragment plus its default. */
const voiceParam: JSONSchemaType<VoiceParamDef> = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'default'],
  properties: {
    type: {type: 'string', enum: ['number', 'integer', 'boolean', 'string']},
    minimum: {type: 'number', nullable: true},
    maximum: {type: 'number', nullable: true},
    enum: {type: 'array', minItems: 1, uniqueItems: true, items: {type: 'string'}, nullable: true},
    default: {anyOf: [{type: 'number'}, {type: 'boolean'}, {type: 'string'}]},
    /** The value that means "not sent" (e.g. emotion `auto`). */
    omit_if: {
      anyOf: [{type: 'number'}, {type: 'boolean'}, {type: 'string'}, {type: 'null', nullable: true}],
    } as unknown as JSONSchemaType<number | boolean | string> & {nullable: true},
  },
}

const voiceProvider: JSONSchemaType<Catalog['voice_providers'][string]> = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'params'],
  properties: {
    name: NAME,
    params: {type: 'object', additionalProperties: voiceParam, propertyNames: {pattern: '^[a-z_]+$'}, required: []},
  },
}

const voiceModel: JSONSchemaType<RawVoiceModel> = {
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
    language: {type: 'boolean', nullable: true},
    notes: NOTES,
  },
}

const musicModel: JSONSchemaType<RawMusicModel> = {
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
        {type: 'boolean', const: false},
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
}

const modeDefaults: JSONSchemaType<ModeDefaults> = {
  type: 'object',
  additionalProperties: false,
  properties: {
    model: {...MODEL_ID, nullable: true},
    duration: {type: 'integer', minimum: 1, nullable: true},
    quality: {...QUALITY, nullable: true},
    aspect_ratio: {...ASPECT, nullable: true},
    audio: {type: 'boolean', nullable: true},
    multi_shot: {type: 'boolean', nullable: true},
    off_peak: {type: 'boolean', nullable: true},
    count: {type: 'integer', minimum: 1, nullable: true},
    tts_speaker: {type: 'string', nullable: true},
    language: {type: 'string', nullable: true},
  },
}

const mode: JSONSchemaType<RawMode> = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'title', 'config_defaults', 'models', 'default_model', 'params', 'defaults'],
  properties: {
    kind: {type: 'string', enum: ['video', 'image', 'voice', 'music']},
    title: NAME,
    era: {type: 'string', enum: ['seed', 'head'], nullable: true},
    /** Whether `config defaults` knows this mode. */
    config_defaults: {type: 'boolean'},
    /** The model whitelist, in the CLI's order; empty for modes without a model flag. */
    models: {type: 'array', uniqueItems: true, items: MODEL_ID},
    default_model: {anyOf: [MODEL_ID, {type: 'null', nullable: true}]},
    /** What happens to a model outside the whitelist: exit 6 (default) or replaced by the default with a warning. */
    unsupported_model: {type: 'string', enum: ['error', 'replace'], nullable: true},
    /** Creation parameters the mode takes (the rest are ignored with a warning). */
    params: {type: 'array', uniqueItems: true, items: {type: 'string', enum: CREATION_PARAMS}},
    /** `aspect_ratio` is only sent when no input image is given (t2v). */
    aspect_ratio_text_only: {type: 'boolean', nullable: true},
    /** Mode-level choices, for modes without a model list. */
    qualities: {...qualities, nullable: true},
    aspect_ratios: {...aspectRatios, nullable: true},
    durations: optionalDurations,
    inputs: {...inputs, nullable: true},
    /** Per-model changes that only apply in this mode (e.g. Seedance takes 9 reference images). */
    overrides: {type: 'object', additionalProperties: videoOverride, required: [], nullable: true},
    defaults: modeDefaults,
  },
}

const table = <T>(entry: JSONSchemaType<T>): JSONSchemaType<Record<string, T>> => ({
  type: 'object',
  additionalProperties: entry,
  propertyNames: MODEL_ID,
  required: [],
})

export const catalogSchema: JSONSchemaType<Catalog> = {
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
    $comment: {type: 'string', nullable: true},
    tokens: {
      type: 'object',
      additionalProperties: false,
      required: ['qualities', 'aspect_ratios'],
      properties: {qualities, aspect_ratios: aspectRatios},
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
    modes: {type: 'object', additionalProperties: mode, propertyNames: {pattern: '^[a-z_]+$'}, required: []},
    video_models: table(videoModel),
    image_models: table(imageModel),
    voice_providers: {type: 'object', additionalProperties: voiceProvider, required: []},
    voice_models: table(voiceModel),
    music_models: table(musicModel),
  },
}
