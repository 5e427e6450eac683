import {modeSpec, isMode} from '../catalog/index.js'
import {creationNamed, creationNames} from '../creations/index.js'
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
  state: BatchState,
  ctx: PrepareContext,
  warn: (message: string) => void,
): Promise<PreparedRow[]> {
  const prepared: PreparedRow[] = []
  for (const row of rows) {
    const spec = creationNamed(row.mode)
    if (!spec) {
      throw validationError(
        `Manifest line ${row.line}: unknown mode "${row.mode}" (modes: ${creationNames.join(', ')})`,
      )
    }

    const input = await rowInput(row, spec.flags)
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
