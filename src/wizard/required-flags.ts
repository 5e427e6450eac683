import {type Mode, isMode, modeSpec} from '../catalog/index.js'
import {type CliError, validationError} from '../errors.js'

/** The little a flag definition tells about itself (oclif's flag objects have these fields). */
export interface FlagShape {
  type?: string
  required?: boolean
  description?: string
  multiple?: boolean
}

/** `create:motion-control` (or `create motion-control`) → `motion_control`; undefined for anything else. */
export function modeOfCommand(id: string | undefined): Mode | undefined {
  const match = /^create[: ](.+)$/.exec(id ?? '')
  const mode = match?.[1].replace(/-/g, '_')
  return mode && isMode(mode) ? mode : undefined
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
 * Every flag the mode cannot do without, as `--prompt` or `--images (2)`: the text flags the
 * command marks as required, then the inputs whose catalogue minimum is above zero.
 */
export function requiredFlags(mode: Mode, flags: Record<string, FlagShape>): string[] {
  const out: string[] = []
  for (const name of ['prompt', 'text', 'lyrics']) {
    const flag = flags[name]
    if (flag && (flag.required || flag.description?.includes('Required.'))) out.push(`--${name}`)
  }

  for (const [key, limit] of Object.entries(modeSpec(mode).inputs)) {
    if (limit.min <= 0) continue
    const name = flags[key] ? key : key.endsWith('s') && flags[key.slice(0, -1)] ? key.slice(0, -1) : undefined
    if (name) out.push(limit.min > 1 ? `--${name} (${limit.min})` : `--${name}`)
  }

  return out
}

/** One line naming every missing flag; exit 6. Keeps the single-flag wording `--prompt is required`. */
export function missingFlagsError(mode: Mode, missing: string[]): CliError {
  const list = missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}`
  const command = `pixverse create ${mode.replace(/_/g, '-')}`
  return validationError(
    `${list} ${missing.length === 1 ? 'is' : 'are'} required`,
    `Pass ${missing.length === 1 ? 'it as a flag' : 'them as flags'} (see \`${command} --help\`), or run \`${command}\` at a terminal without flags for the interactive wizard.`,
  )
}
