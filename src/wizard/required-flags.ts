import {modeSpec} from '../catalog/index.js'
import type {Creation} from '../creations/define.js'
import type {CreationName} from '../creations/index.js'
import {type CliError, validationError} from '../errors.js'

/** The little a flag definition tells about itself (oclif's flag objects have these fields). */
export interface FlagShape {
  type?: string
}

/**
 * `create:motion-control` (or `create motion-control`) → `motion-control` and its definition;
 * undefined for anything else. The registry loads only here, on the rare path that needs it.
 */
export async function creationOfCommand(
  id: string | undefined,
): Promise<{name: CreationName; creation: Creation} | undefined> {
  const name = /^create[: ](.+)$/.exec(id ?? '')?.[1]
  if (!name) return undefined
  const {creations, isCreationName} = await import('../creations/index.js')
  return isCreationName(name) ? {name, creation: creations[name]} : undefined
}

/**
 * True when argv holds nothing that describes the creation (only global flags such as --sandbox,
 * --json, --timeout): that is when a person gets the wizard, and an agent the list of flags to pass.
 */
export function isBlankCreation(argv: string[], baseFlags: Record<string, FlagShape>): boolean {
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]
    if (token === '-p') continue
    if (!token.startsWith('--')) return false
    const name = token.slice(2).split('=')[0]
    const flag = baseFlags[name] ?? (name.startsWith('no-') ? baseFlags[name.slice(3)] : undefined)
    if (!flag) return false
    if (flag.type === 'option' && !token.includes('=')) i++
  }

  return true
}

/**
 * Every flag the mode cannot do without (its definition's `required`), as `--prompt`, or
 * `--images (2)` where the catalogue asks for more than one.
 */
export function requiredFlags(creation: Creation): string[] {
  const inputs = modeSpec(creation.mode).inputs
  return creation.required.map((name) => {
    const min = inputs[name]?.min ?? 0
    return min > 1 ? `--${name} (${min})` : `--${name}`
  })
}

/** One line naming every missing flag; exit 6. Keeps the single-flag wording `--prompt is required`. */
export function missingFlagsError(name: CreationName, missing: string[]): CliError {
  const list = missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}`
  const command = `pixverse create ${name}`
  return validationError(
    `${list} ${missing.length === 1 ? 'is' : 'are'} required`,
    `Pass ${missing.length === 1 ? 'it as a flag' : 'them as flags'} (see \`${command} --help\`), or run \`${command}\` at a terminal without flags for the interactive wizard.`,
  )
}
