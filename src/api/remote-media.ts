import {lookup} from 'node:dns/promises'
import {createWriteStream, mkdtempSync} from 'node:fs'
import {isIP} from 'node:net'
import {tmpdir} from 'node:os'
import {basename, join} from 'node:path'
import {pipeline} from 'node:stream/promises'

import {CliError, ExitCode, validationError} from '../errors.js'
import {EXTENSIONS, MAX_BYTES, type MediaKind, extensionOf} from '../util/media-file.js'
import {isLoopbackHost} from './base-url.js'

const MAX_REDIRECTS = 5
const TIMEOUT_MS = 5 * 60 * 1000

/** True for addresses a remote media URL must never reach: loopback, private, link-local, CGNAT, ULA. */
export function isPrivateAddress(address: string): boolean {
  const ip = address.replace(/^::ffff:/i, '')
  if (isIP(ip) === 4) {
    const [a, b] = ip.split('.').map(Number)
    return a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || a >= 224
  }

  const lower = ip.toLowerCase()
  return lower === '::1' || lower === '::' || lower.startsWith('fc') || lower.startsWith('fd') || lower.startsWith('fe80')
}

/**
 * Downloads an https media URL to a temp file (api.md §5.2) with a size cap and an SSRF guard:
 * every hop must be https and resolve to a public address, except loopback when the API itself is
 * the local sandbox (so rehearsals can use sandbox-served media).
 */
export async function fetchRemoteMedia(url: string, kind: MediaKind, options: {allowLoopback: boolean}): Promise<string> {
  const {got} = await import('got')
  let current = url
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const target = new URL(current)
    await assertPublicHost(target, options.allowLoopback)
    const dir = mkdtempSync(join(tmpdir(), 'pixverse-remote-'))
    const file = join(dir, remoteFileName(target, kind))
    const stream = got.stream(current, {followRedirect: false, throwHttpErrors: false, timeout: {request: TIMEOUT_MS}, retry: {limit: 1}})
    const response = await new Promise<{statusCode: number; headers: Record<string, unknown>}>((resolve, reject) => {
      stream.once('response', resolve)
      stream.once('error', reject)
    }).catch((error: Error) => {
      throw new CliError(`Cannot download ${url}: ${error.message}`, {exitCode: ExitCode.General})
    })
    if (response.statusCode >= 300 && response.statusCode < 400 && response.headers.location) {
      stream.destroy()
      current = new URL(String(response.headers.location), current).toString()
      continue
    }

    if (response.statusCode !== 200) {
      stream.destroy()
      throw new CliError(`Cannot download ${url}: HTTP ${response.statusCode}`, {exitCode: ExitCode.General})
    }

    let received = 0
    stream.on('data', (chunk: Buffer) => {
      received += chunk.length
      if (received > MAX_BYTES[kind]) stream.destroy(new Error(`larger than ${MAX_BYTES[kind] / 1024 / 1024} MB`))
    })
    try {
      await pipeline(stream, createWriteStream(file))
    } catch (error) {
      throw validationError(`Cannot use ${url}: ${(error as Error).message}`)
    }

    return file
  }

  throw new CliError(`Too many redirects downloading ${url}`, {exitCode: ExitCode.General})
}

async function assertPublicHost(url: URL, allowLoopback: boolean): Promise<void> {
  if (url.protocol !== 'https:' && !(allowLoopback && isLoopbackHost(url.hostname))) {
    throw validationError(`Only HTTPS URLs are allowed (got ${url.protocol}//${url.host})`)
  }

  if (allowLoopback && isLoopbackHost(url.hostname)) return
  const addresses = isIP(url.hostname.replace(/^\[|\]$/g, '')) ? [{address: url.hostname.replace(/^\[|\]$/g, '')}] : await lookup(url.hostname, {all: true}).catch(() => [])
  if (addresses.length === 0) throw validationError(`Cannot resolve host ${url.hostname}`)
  if (addresses.some(({address}) => isPrivateAddress(address))) {
    throw validationError(`Refusing ${url.host}: it resolves to a private or loopback address`)
  }
}

function remoteFileName(url: URL, kind: MediaKind): string {
  const name = basename(url.pathname) || 'media'
  const ext = extensionOf(name)
  return EXTENSIONS[kind].includes(ext) ? name.replace(/[^\w.-]/g, '_') : `media.${EXTENSIONS[kind][0]}`
}
