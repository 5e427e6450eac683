import {validationError} from '../errors.js'

/** Settable keys: the CLI spelling (kebab-case) and the stored one (camelCase, as the reference client writes). */
const KNOWN: Record<string, string> = {'output-dir': 'outputDir', outputdir: 'outputDir'}

/** Maps `output-dir`, `outputDir`, `OUTPUTDIR`… or any existing top-level key (case-insensitive) to its stored name. */
export function configKey(input: string, existing: Record<string, unknown>): string {
  const lower = input.trim().toLowerCase()
  const known = KNOWN[lower] ?? Object.values(KNOWN).find((key) => key.toLowerCase() === lower)
  if (known) return known
  const stored = Object.keys(existing).find(
    (key) => key.toLowerCase() === lower && key !== 'defaults' && key !== 'defaultsVersion',
  )
  if (stored) return stored
  throw validationError(
    `Unknown config key: ${input}`,
    'Known keys: output-dir. Creation defaults: `pixverse config defaults set <mode> <key> <value>`.',
  )
}

/** The CLI spelling of a stored key, for people: `outputDir` → `output-dir`. */
export function settingName(stored: string): string {
  return Object.keys(KNOWN).find((cli) => KNOWN[cli] === stored) ?? stored
}
