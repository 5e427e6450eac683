import type {Interfaces} from '@oclif/core'

import {isCliError, validationError} from '../errors.js'
import type {ManifestRow} from './manifest.js'

type FlagDefinition = Interfaces.FlagInput[string]

/** Fields a batch row may not set: they belong to the batch, not to one creation. */
const BATCH_OWNED = new Set(['wait', 'timeout', 'poll-interval', 'json', 'sandbox', 'idempotency-key', 'output'])

/**
 * Turns a manifest row's fields into the same input the `create <mode>` command would get from its
 * flags, through that command's own flag definitions: the same choices, the same number parsers,
 * the same messages (prefixed with the manifest line).
 */
export async function rowInput(
  row: Pick<ManifestRow, 'line' | 'mode' | 'fields'>,
  flags: Record<string, FlagDefinition>,
  where = `Manifest line ${row.line}`,
): Promise<Record<string, unknown>> {
  const input: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(row.fields)) {
    if (BATCH_OWNED.has(key))
      throw validationError(`${where}: "${key}" is set for the whole batch or pipeline, not per creation`)
    const flag = flags[key]
    if (!flag || flag.hidden) {
      const known = Object.entries(flags)
        .filter(([name, f]) => !f.hidden && !BATCH_OWNED.has(name))
        .map(([name]) => name)
      throw validationError(`${where}: unknown field "${key}" for ${row.mode} (fields: mode, ${known.join(', ')})`)
    }

    input[key] = await coerce(where, key, flag, value)
  }

  return input
}

async function coerce(where: string, key: string, flag: FlagDefinition, value: unknown): Promise<unknown> {
  if (flag.type === 'boolean') {
    if (typeof value === 'boolean') return value
    const text = String(value).trim().toLowerCase()
    if (['true', '1', 'yes', 'on'].includes(text)) return true
    if (['false', '0', 'no', 'off'].includes(text)) return false
    throw validationError(`${where}: --${key} must be true or false (got "${String(value)}")`)
  }

  if (flag.multiple) {
    const list = Array.isArray(value)
      ? value
      : String(value)
          .split('|')
          .map((item) => item.trim())
          .filter(Boolean)
    return Promise.all(list.map((item) => parseOne(where, key, flag, item)))
  }

  if (Array.isArray(value)) throw validationError(`${where}: --${key} takes one value`)
  return parseOne(where, key, flag, value)
}

async function parseOne(
  where: string,
  key: string,
  flag: Interfaces.OptionFlag<unknown>,
  value: unknown,
): Promise<unknown> {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  if (text === '-') throw validationError(`${where}: --${key} cannot read stdin in a batch or pipeline`)
  if (text.trim() === '') throw validationError(`${where}: --${key} is empty (leave the field out for none)`)
  if (flag.options && !flag.options.includes(text)) {
    throw validationError(`${where}: --${key} must be one of ${flag.options.join(', ')} (got "${text}")`)
  }

  try {
    // Our flag parsers read only the text (no parser context exists outside a command line).
    const parse = flag.parse as ((input: string) => Promise<unknown>) | undefined
    return parse ? await parse(text) : text
  } catch (error) {
    const message = isCliError(error) || error instanceof Error ? error.message : String(error)
    throw validationError(`${where}: ${message}`)
  }
}
