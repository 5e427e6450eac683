import {existsSync} from 'node:fs'
import {homedir} from 'node:os'
import {dirname} from 'node:path'

import {classifyMediaInput} from '../api/media-input.js'
import {checkLocalMedia} from '../api/upload.js'
import type {IOStreams} from '../context/streams.js'
import type {MediaKind} from '../util/media-file.js'

/**
 * inquirer `validate` for a media answer, checked as it is typed: the same classification the flag
 * gets (file, https URL, asset id, media path), plus the local checks an upload would make later.
 * Returns true or the message to show under the prompt.
 */
export function validateMediaAnswer(flag: string, kind: MediaKind, value: string, optional: boolean): true | string {
  const text = cleanMediaAnswer(value)
  if (text === '') return optional ? true : `${flag} is required here`
  try {
    const input = classifyMediaInput(flag, text)
    if (input.form === 'file') checkLocalMedia(flag, input.value, kind)
    // `photos/cat.png` reads as a service media path, but a person who types it next to a real
    // folder means a local file that is not there.
    if (input.form === 'media-path' && existsSync(dirname(text)) && !text.startsWith('upload/'))
      return `No such file: ${text}`
    return true
  } catch (error) {
    // A person typing `cat.png` or `./shots/cat.png` means a local file: say so plainly.
    if (/\.[a-z0-9]{2,5}$/i.test(text) && !/^https?:/i.test(text) && !existsSync(text)) return `No such file: ${text}`
    return (error as Error).message
  }
}

/** The media kind an input key carries (`images` → image). */
export function mediaKindOf(key: string): MediaKind {
  if (key.startsWith('video')) return 'video'
  if (key.startsWith('audio')) return 'audio'
  return 'image'
}

/**
 * A media answer as the person meant it: terminals paste a dragged file quoted (`'/tmp/my cat.png'`)
 * or with escaped spaces (`/tmp/my\ cat.png`), and people type `~/cat.png` where no shell expands it.
 */
export function cleanMediaAnswer(value: string): string {
  let text = value.trim()
  const quoted = /^(['"])(.*)\1$/.exec(text)
  if (quoted) text = quoted[2]
  else if (process.platform !== 'win32' && !/^https?:/i.test(text)) text = text.replace(/\\(.)/g, '$1')
  if (text === '~') return homedir()
  if (text.startsWith('~/')) return homedir() + text.slice(1)
  return text
}

/** One media question: the flag it fills, what it holds, how it is labelled, whether it may be skipped. */
export interface MediaQuestion {
  flag: string
  kind: MediaKind
  label: string
  optional: boolean
}

export type MediaAsk = (question: MediaQuestion) => Promise<string>

/** Asks for one file, URL or id on the command's streams, checked as it is typed; returns it cleaned ('' when skipped). */
export function mediaAsker(streams: IOStreams): MediaAsk {
  return async ({flag, kind, label, optional}) => {
    const {input} = await import('@inquirer/prompts')
    const {asking} = await import('./cancel.js')
    const {promptContext} = await import('./prompt-io.js')
    const answer = await asking(() =>
      input(
        {
          message: `${label} (file, https URL, asset id${optional ? '; empty to skip' : ''}):`,
          validate: (value) => validateMediaAnswer(`--${flag}`, kind, value, optional),
        },
        promptContext(streams),
      ),
    )
    return cleanMediaAnswer(answer)
  }
}
