import {readFileSync} from 'node:fs'
import {join} from 'node:path'

/** The variables the reference client takes from `./.env` (api.md §1.1); nothing else is read. */
const KEYS = new Set(['PIXVERSE_ENV', 'PIXVERSE_API_BASE', 'PIXVERSE_ACCESS_KEY', 'PIXVERSE_CLI_SOURCE', 'PIXVERSE_TOKEN'])

/** Fills unset variables from `.env` in the working directory; set variables always win. */
export function loadDotEnv(cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): void {
  let text: string
  try {
    text = readFileSync(join(cwd, '.env'), 'utf8')
  } catch {
    return
  }

  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Z_][A-Z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line)
    if (!match || !KEYS.has(match[1]) || env[match[1]] !== undefined) continue
    env[match[1]] = match[2].replace(/^(['"])(.*)\1$/, '$2')
  }
}
