import {existsSync, statSync} from 'node:fs'

import {validationError} from '../errors.js'

export type MediaInput =
  | {form: 'url'; value: string}
  | {form: 'file'; value: string}
  | {form: 'id'; value: number}
  | {form: 'media-path'; value: string}

/**
 * Classifies a media flag value before anything is sent (api.md §3.0): an https URL, a local file,
 * a positive integer asset id, or a service media path such as `upload/abc.jpg`.
 */
export function classifyMediaInput(flag: string, raw: string): MediaInput {
  const value = raw.trim()
  if (/^https:\/\//i.test(value)) {
    try {
      new URL(value)
    } catch {
      throw validationError(`${flag} value "${raw}" is not a valid URL`)
    }

    return {form: 'url', value}
  }

  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) throw validationError(`${flag} value "${raw}": Only HTTPS URLs are allowed`)
  if (existsSync(value) && statSync(value).isFile()) return {form: 'file', value}
  if (/^\d+$/.test(value) && Number(value) > 0 && Number.isSafeInteger(Number(value))) return {form: 'id', value: Number(value)}
  if (isMediaPath(value)) return {form: 'media-path', value}
  throw validationError(
    `${flag} value "${raw}" is not a valid input (expected a local file, an https URL, an asset id or a media path like upload/abc.jpg)`,
  )
}

/** Relative, contains `/`, no scheme, no leading `/ ./ ../ ~ \`, no `.` or `..` segments. */
export function isMediaPath(value: string): boolean {
  if (!value.includes('/') || /^[/~\\]/.test(value) || value.startsWith('./') || value.startsWith('../')) return false
  if (value.includes('\\') || /^[a-z][a-z0-9+.-]*:/i.test(value)) return false
  return value.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..')
}
