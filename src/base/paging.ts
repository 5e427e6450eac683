import * as Flags from '@oclif/core/flags'

import {validationError} from '../errors.js'

/** `--limit` of list commands: an integer 1–max (checked by the parser, exit 6 before any request). */
export function limitFlag(max = 100, defaultValue = 20) {
  return Flags.integer({description: `Items per page (1–${max}).`, default: defaultValue, min: 1, max})
}

/** `--page`: a positive integer, 1 = first page. */
export function pageFlag() {
  return Flags.integer({description: 'Page number, starting at 1.', default: 1, min: 1})
}

/** A tighter limit that depends on another flag (e.g. audio lists stop at 50). */
export function assertLimit(limit: number, max: number, why: string): void {
  if (limit < 1 || limit > max)
    throw validationError(
      `Invalid --limit value: "${limit}" (must be an integer between 1 and ${max}${why ? ` ${why}` : ''})`,
    )
}

/** Service offsets are zero-based: page 1 starts at 0. */
export function offsetOf(page: number, limit: number): number {
  return (page - 1) * limit
}
