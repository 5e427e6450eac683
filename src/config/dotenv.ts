import {readFileSync} from 'node:fs'
import {join} from 'node:path'

/** The variables the reference client takes from `./.env` (docs/protocol.md §1.1); nothing else is read. */
const KEYS = new Set([
  'PIXVERSE_ENV',
  'PIXVERSE_API_BASE',
  'PIXVERSE_ACCESS_KEY',
  'PIXVERSE_CLI_SOURCE',
  'PIXVERSE_TOKEN',
])

/** Where credentials and requests go: a `.env` that sets these is worth a line on stderr. */
const NOTABLE = ['PIXVERSE_TOKEN', 'PIXVERSE_API_BASE']

/** The variables `.env` supplied in this process (a `.env` in a cloned repository is someone else's). */
const supplied = new Set<string>()

/** True when `key` came from a `./.env` file rather than the environment. */
export function fromDotEnv(key: string): boolean {
  return supplied.has(key)
}

/**
 * Fills unset variables from `.env` in the working directory; set variables always win. Returns
 * one notice naming the file when it supplied a token or a base URL (undefined otherwise).
 */
export function loadDotEnv(cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): string | undefined {
  const file = join(cwd, '.env')
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return undefined
  }

  const set: string[] = []
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Z_][A-Z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line)
    if (!match || !KEYS.has(match[1]) || env[match[1]] !== undefined) continue
    env[match[1]] = match[2].replace(/^(['"])(.*)\1$/, '$2')
    supplied.add(match[1])
    set.push(match[1])
  }

  const notable = NOTABLE.filter((key) => set.includes(key))
  if (notable.length === 0) return undefined
  const base = notable.includes('PIXVERSE_API_BASE') ? ' (a stored login is never sent to a base URL from .env)' : ''
  return `Using ${notable.join(' and ')} from ${file}${base}`
}
