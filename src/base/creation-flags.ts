import * as Flags from '@oclif/core/flags'

import {type Mode, aspectRatiosFor, countRange, lowerCountCaps, modelsFor, qualitiesFor} from '../catalog/index.js'
import {validationError} from '../errors.js'
import {MAX_TIMER_MS} from '../util/clock.js'

/**
 * Flag builders shared by the `create …` commands. Choices come from the catalogue, so help text,
 * completion and the parser can never disagree with the limits.
 */

function integerParser(flag: string, rule: string, accept: (n: number) => boolean) {
  return async (input: string): Promise<number> => {
    const value = Number(input)
    if (!/^-?\d+$/.test(input.trim()) || !accept(value))
      throw validationError(`Invalid ${flag} value: "${input}" (${rule})`)
    return value
  }
}

/**
 * A text flag (--prompt, --text). An explicitly empty value is refused: `--prompt "$UNSET"` is a
 * caller's bug, and the service would refuse it only after the request (or silently use nothing).
 */
export const prompt = (options: {required?: boolean; description?: string; flag?: string} = {}) =>
  Flags.string({
    description: `${options.description ?? 'What to create'}: literal text, a path to a text file, or - to read stdin.${options.required ? ' Required.' : ''}`,
    async parse(input) {
      if (input.trim() === '')
        throw validationError(
          `${options.flag ?? '--prompt'} is empty${options.required ? '' : ' (leave the flag out for none)'}`,
        )
      return input
    },
  })

// The list stays in `options` (validation, completion, capabilities); help shows `<value>` and points
// to `pixverse models`, since 19 names in a usage line break mid-word at 80 columns.
export const model = (mode: Mode, extraModes: Mode[] = []) =>
  Flags.string({
    char: 'm',
    description: `Model; what each accepts: \`pixverse models ${mode.replace(/_/g, '-')}\`. [default: from \`config defaults\`]`,
    helpValue: '<value>',
    options: [...new Set([mode, ...extraModes].flatMap((m) => modelsFor(m)))],
  })

export const quality = (mode: Mode, options?: string[]) =>
  Flags.string({
    char: 'q',
    description: 'Output quality; unsupported values for the model are replaced with a warning.',
    options: options ?? qualitiesFor(mode),
  })

export const duration = () =>
  Flags.custom<number>({
    char: 'd',
    description: 'Length in seconds; snapped to the nearest value the model supports.',
    parse: integerParser('--duration', 'must be a positive integer in seconds', (n) => n > 0),
  })()

export const aspectRatio = (mode: Mode) =>
  Flags.string({
    description: 'Aspect ratio; unsupported values for the model are replaced with a warning.',
    options: aspectRatiosFor(mode),
  })

export const seed = () =>
  Flags.custom<number>({
    description: 'Random seed (integer) for reproducible results.',
    parse: integerParser('--seed', 'must be an integer', (n) => Number.isSafeInteger(n)),
  })()

/** `--count`; with a mode, the help also names the models that make fewer per generation. */
export const count = (mode?: Mode) => {
  const {min, max} = countRange()
  const caps = mode ? lowerCountCaps(mode).map((cap) => `${cap.model} ${cap.max}`) : []
  const capped = caps.length > 0 ? ` At most: ${caps.join(', ')} (a larger value is lowered with a warning).` : ''
  return Flags.custom<number>({
    description: `How many to create at once (${min}-${max}); every result is waited for.${capped}`,
    parse: integerParser('--count', `must be an integer between ${min} and ${max}`, (n) => n >= min && n <= max),
  })()
}

export const audio = () =>
  Flags.boolean({
    allowNo: true,
    description: 'Generate sound with the video (on by default where the model supports it).',
  })

export const offPeak = () => Flags.boolean({description: 'Use the cheaper off-peak queue (PixVerse models only).'})

export const idempotencyKey = () =>
  Flags.string({
    description:
      'Key the service deduplicates on: repeating a create with it never charges twice. Generated when omitted.',
  })

/** The options of the modes that continue or join videos (extend, transition), in their help order. */
export const continuationOptions = () => ({
  duration: duration(),
  seed: seed(),
  count: count(),
  audio: audio(),
  'off-peak': offPeak(),
  'idempotency-key': idempotencyKey(),
})

export const wait = () =>
  Flags.boolean({
    allowNo: true,
    default: true,
    description: 'Wait for the result. --no-wait prints the id at once; resume with `task wait`.',
  })

/** The longest wait a timer can keep (setTimeout overflows at 2^31 ms and then fires at once). */
const MAX_SECONDS = Math.floor(MAX_TIMER_MS / 1000)

export const timeout = () =>
  Flags.custom<number>({
    default: 300,
    description:
      'Seconds the whole command may take, requests and waiting included (exit 2 with the ids, so `task wait` can resume).',
    parse: integerParser(
      '--timeout',
      `must be a whole number of seconds, 1 to ${MAX_SECONDS}`,
      (n) => n > 0 && n <= MAX_SECONDS,
    ),
  })()

export const pollInterval = () =>
  Flags.custom<number>({
    description: 'Seconds between status checks (at least 1). [default: 2s, 5s after 30s, 10s after 2min]',
    helpGroup: 'POLLING',
    parse: integerParser(
      '--poll-interval',
      `must be a whole number of seconds, 1 to ${MAX_SECONDS}`,
      (n) => n >= 1 && n <= MAX_SECONDS,
    ),
  })()

export const multiShot = () =>
  Flags.boolean({
    allowNo: true,
    description: 'Let the model cut between shots (on by default where supported).',
  })

const IMAGE_FORMS = 'a local file (uploaded, resized if over 1920px), an https URL, an image id, or a media path'

export const image = (options: {description: string; aliases?: string[]}) =>
  Flags.string({description: `${options.description}: ${IMAGE_FORMS}.`, aliases: options.aliases})

export const images = (options: {description: string}) =>
  Flags.string({description: `${options.description}, each ${IMAGE_FORMS}.`, multiple: true})
