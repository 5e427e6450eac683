import type {ModelFacts} from './model-facts.js'

/**
 * A model's facts as a short block for people: one fact a line, label then value, lists kept short
 * enough for an 80-column terminal (a run of whole seconds reads `1–15 s`, not fifteen numbers).
 */
export function describeModel(facts: ModelFacts, options: {inMode?: boolean} = {}): string {
  const head = options.inMode ? `${facts.id} in create ${facts.mode}` : `${facts.id}  ${facts.name}`
  const rows: Array<[string, string | undefined]> = [
    ['qualities', facts.qualities?.join(', ')],
    ['durations', facts.durations && facts.durations.length > 0 ? `${seconds(facts.durations)} s` : undefined],
    [
      'aspect ratios',
      facts.aspect_ratios &&
        (facts.aspect_ratio_from_image
          ? `${facts.aspect_ratios.join(', ')} (from the image when one is given)`
          : facts.aspect_ratios.join(', ')),
    ],
    ['sound', facts.audio && {none: 'no', optional: 'optional (--audio / --no-audio)', always: 'always'}[facts.audio]],
    ['multi-shot', facts.multi_shot ? 'yes (--multi-shot)' : undefined],
    ['off-peak', facts.off_peak ? 'yes (--off-peak)' : undefined],
    ['detail levels', facts.detail_levels?.join(', ')],
    ['inputs', inputs(facts)],
    ['count cap', facts.count_max === undefined ? undefined : `--count up to ${facts.count_max}`],
    ['provider', facts.provider],
    ['text', facts.max_chars === undefined ? undefined : `up to ${facts.max_chars} characters`],
    ['settings', facts.voice_settings?.map((key) => `--${key.replace(/_/g, '-')}`).join(', ')],
    ['words', facts.kind === 'music' ? words(facts) : undefined],
    ['length', facts.duration_seconds && `${facts.duration_seconds.min}–${facts.duration_seconds.max} s`],
    [
      'images',
      facts.kind === 'music' ? (facts.max_images ? `up to ${facts.max_images} (--image)` : 'none') : undefined,
    ],
    ['modes', options.inMode ? undefined : facts.modes.join(', ')],
  ]
  const shown = rows.filter((row): row is [string, string] => Boolean(row[1]))
  const width = Math.max(...shown.map(([label]) => label.length))
  return [head, ...shown.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`)].join('\n')
}

/** `[1,2,…,15]` → `1–15`; `[4,8,12]` → `4, 8, 12`. */
function seconds(values: number[]): string {
  const run = values.length > 2 && values.every((v, i) => i === 0 || v === values[i - 1] + 1)
  return run ? `${values[0]}–${values.at(-1)}` : values.join(', ')
}

function inputs(facts: ModelFacts): string | undefined {
  const parts = Object.entries(facts.inputs ?? {})
    .filter(([, limit]) => limit.max !== 0)
    .map(([key, limit]) => {
      const range =
        limit.max === undefined
          ? `${limit.min}+`
          : limit.min === limit.max
            ? `${limit.min}`
            : `${limit.min}–${limit.max}`
      return `${key} ${range}`
    })
  if (facts.requires_image) parts.unshift('an image is required')
  return parts.length > 0 ? parts.join(', ') : undefined
}

function words(facts: ModelFacts): string {
  return [
    facts.lyrics ? 'your lyrics' : undefined,
    facts.auto_lyrics ? 'written by the model' : undefined,
    facts.instrumental ? 'instrumental' : undefined,
  ]
    .filter(Boolean)
    .join(', ')
}
