import {createHash} from 'node:crypto'
import {existsSync, readFileSync, statSync} from 'node:fs'

/**
 * A stable hash of a step's resolved input: keys sorted, and every local file replaced by a hash
 * of its content, so an edited source image is a new creation while a rerun is the same one.
 */
export function fingerprint(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(value)))
    .digest('hex')
    .slice(0, 24)
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => canonical(item))
  if (value && typeof value === 'object') {
    return Object.keys(value)
      .sort()
      .map((key) => [key, canonical((value as Record<string, unknown>)[key])])
  }

  if (typeof value === 'string' && value.length < 4096 && isFile(value))
    return {file: createHash('sha256').update(readFileSync(value)).digest('hex')}
  return value
}

function isFile(value: string): boolean {
  try {
    return existsSync(value) && statSync(value).isFile()
  } catch {
    return false
  }
}
