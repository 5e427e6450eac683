/**
 * The catalogue's limits on a creation's media inputs: how many of each kind, and once their metadata
 * is known their seconds and bytes (exit 6 before any request, or before the submit).
 */
import {validationError} from '../errors.js'
import {
  type CreationModelSpec,
  type Mode,
  type ResolvedInputLimit,
  flagName,
  modeSpec,
  modelSpec,
  modelsFor,
} from './index.js'
import {modeLabel} from './resolve-model.js'

/** How many media inputs of each kind were given, by catalogue input key (`images`, `videos`, `audios`). */
export interface MediaCounts {
  /** `--image`/`--images` inputs (0 when none); input checks are skipped when undefined. */
  images?: number
  videos?: number
  audios?: number
}

export interface MediaInputs {
  images?: number
  videos?: {seconds?: number}[]
  audios?: {seconds?: number; bytes?: number}[]
}

const NOUNS: Record<string, string> = {image: 'image', images: 'image', videos: 'video', audios: 'audio clip'}

export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}

function inputLimits(mode: Mode, model: string | undefined): Record<string, ResolvedInputLimit> {
  const spec = model ? (modelSpec(mode, model) as CreationModelSpec | undefined) : undefined
  return spec?.inputs ?? modeSpec(mode).inputs
}

export function imageInputKey(limits: Record<string, ResolvedInputLimit>): string | undefined {
  return ['images', 'image'].find((k) => k in limits)
}

export function checkCounts(mode: Mode, model: string | undefined, counts: Record<string, number | undefined>): void {
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
