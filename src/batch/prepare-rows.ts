import type {Config} from '@oclif/core'

import {modeSpec, isMode} from '../catalog/index.js'
import {creations} from '../creations/index.js'
import type {PrepareContext} from '../creations/types.js'
import {isCliError, validationError} from '../errors.js'
import {rowInput} from './coerce.js'
import type {ManifestRow} from './manifest.js'
import type {PreparedRow} from './row-steps.js'
import type {BatchState} from './state.js'

/**
 * Checks every row before anything is sent, through the same flag parsers and creation specs as
 * `create <mode>`: a bad row stops the whole batch with its line number (exit 6).
 */
export async function prepareRows(
  rows: ManifestRow[],
  config: Config,
  state: BatchState,
  ctx: PrepareContext,
  warn: (message: string) => void,
): Promise<PreparedRow[]> {
  const prepared: PreparedRow[] = []
  for (const row of rows) {
    const spec = creations[row.mode]
    const command = spec ? config.findCommand(`create:${row.mode}`) : undefined
    if (!spec || !command) {
      throw validationError(
        `Manifest line ${row.line}: unknown mode "${row.mode}" (modes: ${Object.keys(creations).join(', ')})`,
      )
    }

    const flags = (await command.load()).flags as Parameters<typeof rowInput>[1]
    const input = await rowInput(row, flags)
    const creation = await spec.prepare(input, ctx).catch((error: unknown) => {
      throw isCliError(error) ? validationError(`Manifest line ${row.line}: ${error.message}`, error.hint) : error
    })
    for (const warning of creation.warnings) warn(`line ${row.line}: ${warning}`)
    const count = Number(input.count ?? 1)
    prepared.push({
      state: state.prepare(row),
      prepared: creation,
      units: Number.isInteger(count) && count > 0 ? count : 1,
      pool: poolOf(spec.mode),
    })
  }

  state.save()
  return prepared
}

/** The slot pool (and output kind) of a creation mode. */
export function poolOf(mode: string): PreparedRow['pool'] {
  if (!isMode(mode)) return 'video'
  const kind = modeSpec(mode).kind
  return kind === 'image' ? 'image' : kind === 'voice' || kind === 'music' ? 'audio' : 'video'
}
