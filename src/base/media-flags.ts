import * as Flags from '@oclif/core/flags'

import {validationError} from '../errors.js'

/** Flags for video/audio inputs and the few integer flags only some `create …` commands take. */

const VIDEO_FORMS = 'a video id, a local file (uploaded), an https URL, or a media path'
const AUDIO_FORMS = 'a local file (uploaded), an https URL, an audio id, or a media path'

export const video = (options: {description: string; aliases?: string[]}) =>
  Flags.string({description: `${options.description}: ${VIDEO_FORMS}.`, aliases: options.aliases})

export const videos = (options: {description: string}) =>
  Flags.string({description: `${options.description}, each ${VIDEO_FORMS}.`, multiple: true})

export const audios = (options: {description: string}) =>
  Flags.string({description: `${options.description}, each ${AUDIO_FORMS}.`, multiple: true})

export const audioFile = (options: {description: string}) =>
  Flags.string({description: `${options.description}: ${AUDIO_FORMS}.`})

/** A non-negative (or positive) integer flag with a message that names it. */
export const integer = (flag: string, options: {description: string; min: number; required?: boolean}) =>
  Flags.custom<number>({
    description: options.description,
    parse: async (input: string) => {
      const value = Number(input)
      if (!/^\d+$/.test(input.trim()) || value < options.min || !Number.isSafeInteger(value)) {
        throw validationError(`Invalid ${flag} value: "${input}" (must be an integer ≥ ${options.min})`)
      }

      return value
    },
  })()

export const keepOriginalSound = () => Flags.boolean({description: "Keep the video's own sound under the new audio."})

export const clientRequestId = () =>
  Flags.string({description: 'Your own request id, logged by the service (no deduplication).'})

export const output = () =>
  Flags.string({
    description: 'Download the finished audio: a file path (with an extension) or a folder.',
    helpGroup: 'OUTPUT',
  })
