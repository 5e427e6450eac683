import {createHash} from 'node:crypto'

/**
 * The idempotency key of one creation of a batch or a pipeline: a hash of what identifies it (the
 * manifest or pipeline, the row or step, its content), so every run sends the same key and the
 * service never charges twice for it.
 */
export function creationKey(prefix: 'batch' | 'pipeline', parts: Array<string | number>): string {
  return `pixverse-${prefix}-${createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 40)}`
}
