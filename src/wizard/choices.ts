import {
  type CreationModelSpec,
  type CreationParam,
  type Mode,
  modeChoices,
  modeSpec,
  modelSpec,
  modelsFor,
  countRangeFor,
} from '../catalog/index.js'

/**
 * Pure: the questions the wizard asks after the model is known, built from the catalogue so the
 * wizard can never offer a value the model forbids. Each answer becomes flags on the same argv an
 * agent would type.
 */
export type ParamQuestion =
  | {param: CreationParam; flag: string; type: 'select'; message: string; choices: string[]; default?: string}
  | {param: CreationParam; flag: string; type: 'confirm'; message: string; default: boolean}

const MESSAGES: Record<CreationParam, string> = {
  quality: 'Quality',
  duration: 'Duration (seconds)',
  aspect_ratio: 'Aspect ratio',
  audio: 'Generate sound?',
  multi_shot: 'Let the model cut between shots (multi-shot)?',
  off_peak: 'Use the cheaper off-peak queue?',
  count: 'How many to create',
  detail_level: 'Detail level',
}

/** `aspect_ratio` → `aspect-ratio` (the flag without dashes, as oclif names it). */
export function flagKey(param: string): string {
  return param.replace(/_/g, '-')
}

/** Models a person may pick: the mode's whitelist minus those needing an image when none was given. */
export function modelChoices(mode: Mode, hasImage: boolean): string[] {
  return modelsFor(mode).filter((id) => {
    const spec = modelSpec(mode, id) as CreationModelSpec | undefined
    return !(spec && 'requiresImage' in spec && spec.requiresImage && !hasImage)
  })
}

function pickDefault<T>(values: T[], ...preferred: unknown[]): T | undefined {
  for (const p of preferred) {
    const hit = values.find((v) => String(v) === String(p))
    if (hit !== undefined) return hit
  }

  return values[0]
}

/**
 * The parameter questions for `mode` with `model` (undefined for modes without models), given the
 * merged defaults (built-in, then the user's `config defaults`) and whether an image was given.
 */
export function paramQuestions(
  mode: Mode,
  model: string | undefined,
  defaults: Record<string, unknown>,
  hasImage: boolean,
): ParamQuestion[] {
  const mspec = modeSpec(mode)
  if (mspec.kind !== 'video' && mspec.kind !== 'image') return []
  const spec = model ? (modelSpec(mode, model) as CreationModelSpec | undefined) : undefined
  const own = modeChoices(mode)
  const qualities = spec?.qualities ?? own.qualities
  const durations = (spec?.durations ?? own.durations).map(String)
  const ratios = spec?.aspectRatios ?? own.aspectRatios
  const out: ParamQuestion[] = []
  for (const param of mspec.params) {
    const flag = flagKey(param)
    const message = MESSAGES[param]
    switch (param) {
      case 'quality':
        if (qualities.length > 0)
          out.push({
            param,
            flag,
            type: 'select',
            message,
            choices: qualities,
            default: pickDefault(qualities, defaults.quality),
          })
        break
      case 'duration':
        if (durations.length > 0) {
          out.push({
            param,
            flag,
            type: 'select',
            message,
            choices: durations,
            default: pickDefault(durations, defaults.duration, spec?.defaultDuration),
          })
        }

        break
      case 'aspect_ratio':
        // Image to video takes its shape from the image: the catalogue says so, the wizard does not ask.
        if (ratios.length > 0 && !(hasImage && (mspec.aspectRatioTextOnly || spec?.aspectRatioFromImage))) {
          out.push({
            param,
            flag,
            type: 'select',
            message,
            choices: ratios,
            default: pickDefault(ratios, defaults.aspect_ratio),
          })
        }

        break
      case 'audio':
        if (spec?.audio === 'optional')
          out.push({param, flag, type: 'confirm', message, default: defaults.audio !== false})
        break
      case 'multi_shot':
        if (spec?.multiShot) out.push({param, flag, type: 'confirm', message, default: defaults.multi_shot !== false})
        break
      case 'off_peak':
        if (!spec || spec.offPeak)
          out.push({param, flag, type: 'confirm', message, default: defaults.off_peak === true})
        break
      case 'count': {
        const {min, max} = countRangeFor(mode, model)
        const counts = Array.from({length: max - min + 1}, (_, i) => String(min + i))
        out.push({
          param,
          flag,
          type: 'select',
          message,
          choices: counts,
          default: pickDefault(counts, defaults.count, min),
        })
        break
      }

      case 'detail_level':
        if (spec?.detailLevel) {
          const values = spec.detailLevel.values
          out.push({
            param,
            flag,
            type: 'select',
            message,
            choices: values,
            default: pickDefault(values, defaults.detail_level, spec.detailLevel.default),
          })
        }

        break
    }
  }

  return out
}

/** The argv fragment for one answer: `--quality 720p`, `--audio` / `--no-audio`, `--off-peak`. */
export function answerArgv(question: ParamQuestion, answer: string | boolean, acceptsNo: boolean): string[] {
  if (question.type === 'confirm') {
    if (answer) return [`--${question.flag}`]
    return acceptsNo ? [`--no-${question.flag}`] : []
  }

  return [`--${question.flag}`, String(answer)]
}
