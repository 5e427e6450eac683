import type {Interfaces} from '@oclif/core'

import {type Mode, modeSpec} from '../catalog/index.js'
import {validationError} from '../errors.js'
import type {PrepareContext, PreparedCreation} from './types.js'

/** What a mode's author writes: its flags, the ones it cannot do without, and how to prepare a request. */
export interface CreationDefinition<F extends Interfaces.FlagInput> {
  /** The catalogue mode whose limits apply (`motion_control` for `create motion-control`). */
  mode: Mode
  /** The `create <name>` flags; batch rows, pipeline steps and MCP tool inputs use the same names. */
  flags: F
  /** Flags the mode cannot do without, in the order they are asked for and reported missing. */
  required?: ReadonlyArray<keyof F & string>
  /** Words added to `--<flag> is required` for a required flag, e.g. where to find a value. */
  hints?: Partial<Record<keyof F & string, string>>
  /** Checks everything without a request (exit 6 happens here); the input was parsed by `flags`. */
  prepare(input: Interfaces.InferredFlags<F>, ctx: PrepareContext): Promise<PreparedCreation>
}

/** A registered creation mode as every caller (command, batch, pipeline, MCP, wizard) sees it. */
export interface Creation {
  mode: Mode
  flags: Interfaces.FlagInput
  required: readonly string[]
  /** Input keyed by flag name, as the command's parser (or a batch row's coercion) produced it. */
  prepare(input: Record<string, unknown>, ctx: PrepareContext): Promise<PreparedCreation>
}

/**
 * Declares a creation mode once. The input type is inferred from the flags, and the required flags
 * are checked here, before the mode's own `prepare`, so every way of asking gets the same message.
 */
export function defineCreation<F extends Interfaces.FlagInput>(
  definition: CreationDefinition<F>,
): Creation & {flags: F} {
  const required = definition.required ?? []
  const hints: Partial<Record<string, string>> = definition.hints ?? {}
  return {
    mode: definition.mode,
    flags: definition.flags,
    required,
    async prepare(input, ctx) {
      for (const name of required) {
        if (isMissing(input[name]) && !countedByCatalogue(definition.mode, name, definition.flags[name]))
          throw validationError(`--${name} is required${hints[name] ? ` (${hints[name]})` : ''}`)
      }

      // The only place the parsed input meets its type: it came through these very flags.
      return definition.prepare(input as Interfaces.InferredFlags<F>, ctx)
    },
  }
}

/**
 * A list flag with a catalogue minimum (`--images` of transition) is checked by the catalogue,
 * whose message names how many it takes (`At least 2 images are required …`).
 */
function countedByCatalogue(mode: Mode, name: string, flag: Interfaces.FlagInput[string] | undefined): boolean {
  return flag?.type === 'option' && Boolean(flag.multiple) && (modeSpec(mode).inputs[name]?.min ?? 0) > 0
}

export function isMissing(value: unknown): boolean {
  return value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
}
