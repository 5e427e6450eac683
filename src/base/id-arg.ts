import {validationError} from '../errors.js'

/** Asset and task ids are positive integers (JSON numbers on the wire). */
export function parseId(value: string, what = 'ID'): number {
  const trimmed = value.trim()
  const id = Number(trimmed)
  if (!/^\d+$/.test(trimmed) || !Number.isSafeInteger(id) || id <= 0) {
    throw validationError(`Invalid ${what} "${value}" — must be a positive integer`)
  }

  return id
}
