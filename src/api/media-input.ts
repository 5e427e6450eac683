import {closeSync, openSync, statSync} from 'node:fs'
import {homedir} from 'node:os'
import {join} from 'node:path'

import {validationError} from '../errors.js'
import {checkLocalMedia} from './upload.js'

export type MediaInput =
  | {form: 'url'; value: string}
  | {form: 'file'; value: string}
  | {form: 'id'; value: number}
  | {form: 'media-path'; value: string}

/**
 * Classifies a media flag value before anything is sent (docs/protocol.md §3.0): an https URL, a local file,
 * a positive integer asset id, or a service media path such as `upload/abc.jpg`.
 */
export function classifyMediaInput(flag: string, raw: string): MediaInput {
  const value = asTyped(raw)
  if (/^https:\/\//i.test(value)) {
    try {
      new URL(value)
    } catch {
      throw validationError(`${flag} value "${raw}" is not a valid URL`)
    }

    return {form: 'url', value}
  }

  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value))
    throw validationError(`${flag} value "${raw}": Only HTTPS URLs are allowed`)
  if (localFile(flag, raw, value)) {
    // Type by content, size and header dimensions now, before any request (not half-way through the uploads).
    checkLocalMedia(flag, value)
    return {form: 'file', value}
  }

  if (/^\d+$/.test(value) && Number(value) > 0 && Number.isSafeInteger(Number(value)))
    return {form: 'id', value: Number(value)}
  if (isMediaPath(value) && SERVICE_PREFIXES.has(value.split('/')[0])) return {form: 'media-path', value}
  if (looksLocal(value)) throw validationError(`${flag} value "${raw}": no such file`)
  throw validationError(
    `${flag} value "${raw}" is not a valid input (expected a local file, an https URL, an asset id or a media path like upload/abc.jpg)`,
  )
}

/**
 * The first folder of the media paths the service hands out (docs/protocol.md §5.1 `upload/<uuid>.<ext>`, and
 * the `video_path`/`image_path`/`frame_path` of its answers): anything else with a slash is a local
 * path that was mistyped, never something to send (and pay for) as it is.
 */
const SERVICE_PREFIXES = new Set(['upload', 'pixverse', 'video', 'image', 'audio', 'frames', 'media'])

/** What the user meant: a drag-and-dropped path arrives quoted (`'/tmp/x/cat.png'`), `~/` is their home. */
function asTyped(raw: string): string {
  let value = raw.trim()
  const quoted = /^(['"])(.*)\1$/.exec(value)
  if (quoted) value = quoted[2]
  if (value === '~' || value.startsWith('~/')) value = join(homedir(), value.slice(1))
  return value
}

/** An existing regular file the CLI can read; a folder or an unreadable file is exit 6 now. */
function localFile(flag: string, raw: string, value: string): boolean {
  const stat = statSync(value, {throwIfNoEntry: false})
  if (!stat) return false
  if (stat.isDirectory()) throw validationError(`${flag} value "${raw}" is a folder, not a file`)
  if (!stat.isFile()) throw validationError(`${flag} value "${raw}" is not a regular file`)
  try {
    closeSync(openSync(value, 'r'))
  } catch (error) {
    throw validationError(`${flag} file "${raw}" cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`)
  }

  return true
}

/** A path a person would type for a file here: absolute, relative, home, or a name with a media extension. */
function looksLocal(value: string): boolean {
  return /^(\/|\.\.?\/|~)/.test(value) || value.includes('/') || value.includes('\\') || /\.[a-z0-9]{2,4}$/i.test(value)
}

/** Relative, contains `/`, no scheme, no leading `/ ./ ../ ~ \`, no `.` or `..` segments. */
export function isMediaPath(value: string): boolean {
  if (!value.includes('/') || /^[/~\\]/.test(value) || value.startsWith('./') || value.startsWith('../')) return false
  if (value.includes('\\') || /^[a-z][a-z0-9+.-]*:/i.test(value)) return false
  return value.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..')
}
