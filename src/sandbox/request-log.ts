/**
 * Every request (API, OSS, media, and those a fault rule answered or a Host check refused) is appended to dataDir/requests.jsonl, so
 * tests can assert what a client sent, whichever process served it. Secrets are redacted before
 * they reach the disk. `seq` is the line's position, assigned when the log is read.
 */
import fs from 'node:fs'

const SECRET_HEADERS = new Set(['token', 'access-key', 'authorization', 'x-oss-security-token'])

export interface LoggedRequest {
  seq: number
  time: string
  method: string
  /** The Host the client addressed (an API, OSS or CDN name, or the loopback address). */
  host: string
  path: string
  query: Record<string, string>
  body: unknown
  headers: Record<string, string>
  /** The fault rule kind that answered instead of the handler. */
  fault?: string
  /** Why the request was refused before any handler ran (`host`). */
  refused?: string
}

export function redactHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue
    const lower = name.toLowerCase()
    out[lower] = SECRET_HEADERS.has(lower) ? '[redacted]' : Array.isArray(value) ? value.join(', ') : value
  }
  return out
}

export function appendRequest(file: string, entry: Omit<LoggedRequest, 'seq'>): void {
  // One appendFileSync = one write(2) with O_APPEND: lines from several processes do not interleave.
  // Bodies hold users' prompts and file names: the log is as private as the state (0600).
  fs.appendFileSync(file, JSON.stringify(entry) + '\n', {mode: 0o600})
}

export function readRequests(file: string): LoggedRequest[] {
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch {
    return []
  }
  const out: LoggedRequest[] = []
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue
    try {
      out.push({seq: out.length + 1, ...(JSON.parse(line) as Omit<LoggedRequest, 'seq'>)})
    } catch {
      // a line being written right now by another process: skip it
    }
  }
  return out
}

export function clearRequests(file: string): void {
  fs.writeFileSync(file, '', {mode: 0o600})
}
