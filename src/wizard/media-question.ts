import {existsSync} from 'node:fs'
import {dirname} from 'node:path'

import {classifyMediaInput} from '../api/media-input.js'
import {checkLocalMedia} from '../api/upload.js'
import type {MediaKind} from '../util/media-file.js'

/**
 * inquirer `validate` for a media answer, checked as it is typed: the same classification the flag
 * gets (file, https URL, asset id, media path), plus the local checks an upload would make later.
 * Returns true or the message to show under the prompt.
 */
export function validateMediaAnswer(flag: string, kind: MediaKind, value: string, optional: boolean): true | string {
  const text = value.trim()
  if (text === '') return optional ? true : `${flag} is required here`
  try {
    const input = classifyMediaInput(flag, text)
    if (input.form === 'file') checkLocalMedia(flag, input.value, kind)
    // `photos/cat.png` reads as a service media path, but a person who types it next to a real
    // folder means a local file that is not there.
    if (input.form === 'media-path' && existsSync(dirname(text)) && !text.startsWith('upload/')) return `No such file: ${text}`
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
