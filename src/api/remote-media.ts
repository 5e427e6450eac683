import type {LookupAddress, LookupOptions} from 'node:dns'
import {lookup} from 'node:dns/promises'
import {createWriteStream} from 'node:fs'
import {isIP} from 'node:net'
import {basename, join} from 'node:path'
import {pipeline} from 'node:stream/promises'

import {CliError, ExitCode, validationError} from '../errors.js'
import {EXTENSIONS, MAX_BYTES, type MediaKind, extensionOf} from '../util/media-file.js'
import {makeTempDir, removeTempDir} from '../util/temp-dir.js'
import {isLoopbackHost} from './base-url.js'
import {loadGot} from './http.js'
import {RETRY} from './retry.js'

const MAX_REDIRECTS = 5
const TIMEOUT_MS = 5 * 60 * 1000

/** True for addresses a remote media URL must never reach: loopback, private, link-local, CGNAT, ULA. */
export function isPrivateAddress(address: string): boolean {
  const ip = address.replace(/^\[|\]$/g, '').replace(/^::ffff:(?=\d+\.)/i, '')
  if (isIP(ip) === 4) {
    const [a, b] = ip.split('.').map(Number)
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      a >= 224
    )
  }

  const groups = ipv6Groups(ip)
  if (!groups) return true // not an address we can read: refuse rather than guess
  const [g0, g1, g2, g3, g4, g5, g6, g7] = groups
  // IPv4 inside IPv6 (::ffff:7f00:1 is 127.0.0.1 as URLs normalise it; ::a.b.c.d; NAT64 64:ff9b::/96).
  const embedded = `${g6 >> 8}.${g6 & 0xff}.${g7 >> 8}.${g7 & 0xff}`
  const zeroPrefix = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0
  if (zeroPrefix && (g5 === 0xffff || g5 === 0))
    return g5 === 0 && g6 === 0 ? true /* :: and ::1 */ : isPrivateAddress(embedded)
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return isPrivateAddress(embedded)
  // SIIT ::ffff:0:a.b.c.d (::ffff:0:0/96) carries the IPv4 address in the last 32 bits too.
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0xffff && g5 === 0) return isPrivateAddress(embedded)
  // 6to4 2002:AABB:CCDD::/48 carries it in groups 1 and 2.
  if (g0 === 0x2002) return isPrivateAddress(`${g1 >> 8}.${g1 & 0xff}.${g2 >> 8}.${g2 & 0xff}`)
  // ULA fc00::/7, link-local fe80::/10, site-local fec0::/10, multicast ff00::/8.
  return (g0 & 0xfe00) === 0xfc00 || (g0 & 0xffc0) === 0xfe80 || (g0 & 0xffc0) === 0xfec0 || (g0 & 0xff00) === 0xff00
}

/** The eight 16-bit groups of an IPv6 address (a trailing dotted IPv4 allowed), or undefined. */
function ipv6Groups(ip: string): number[] | undefined {
  if (isIP(ip) !== 6) return undefined
  let text = ip.toLowerCase().replace(/%.*$/, '')
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text)
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number)
    text = text.slice(0, dotted.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
  }

  const [head, tail] = text.split('::')
  const part = (s: string | undefined) => (s ? s.split(':').map((g) => Number.parseInt(g, 16)) : [])
  const left = part(head)
  const right = part(tail)
  const groups =
    tail === undefined ? left : [...left, ...Array.from({length: 8 - left.length - right.length}, () => 0), ...right]
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : undefined
}

/**
 * Downloads an https media URL to a temp file (docs/protocol.md §5.2) with a size cap and an SSRF guard:
 * every hop must be https and resolve to a public address, except loopback when the API itself is
 * the local sandbox (so rehearsals can use sandbox-served media).
 */
export async function fetchRemoteMedia(
  url: string,
  kind: MediaKind,
  options: {allowLoopback: boolean},
): Promise<string> {
  const got = await loadGot()
  let current = url
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const target = new URL(current)
    const checked = await assertPublicHost(target, options.allowLoopback)
    const dir = makeTempDir('pixverse-remote-')
    const file = join(dir, remoteFileName(target, kind))
    // Connect to the addresses just checked, not to a second lookup a rebinding DNS server could change.
    const stream = got.stream(current, {
      followRedirect: false,
      throwHttpErrors: false,
      timeout: {request: TIMEOUT_MS},
      // got repeats a failed connection itself (before any response): the tries of `RETRY.remoteMedia`.
      retry: {limit: RETRY.remoteMedia.tries - 1},
      ...(checked ? {dnsLookup: pinnedLookup(checked) as never} : {}),
    })
    const response = await new Promise<{statusCode: number; headers: Record<string, unknown>}>((resolve, reject) => {
      stream.once('response', resolve)
      stream.once('error', reject)
    }).catch((error: Error) => {
      removeTempDir(dir)
      throw new CliError(`Cannot download ${url}: ${error.message}`, {exitCode: ExitCode.General})
    })
    if (response.statusCode >= 300 && response.statusCode < 400 && response.headers.location) {
      stream.destroy()
      removeTempDir(dir)
      current = new URL(String(response.headers.location), current).toString()
      continue
    }

    if (response.statusCode !== 200) {
      stream.destroy()
      removeTempDir(dir)
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
      removeTempDir(dir)
      throw validationError(`Cannot use ${url}: ${(error as Error).message}`)
    }

    return file
  }

  throw new CliError(`Too many redirects downloading ${url}`, {exitCode: ExitCode.General})
}

/**
 * Resolves the host once and refuses it when any address is private; returns the checked addresses
 * the connection must use (undefined for an IP literal, or the sandbox's own loopback).
 */
async function assertPublicHost(url: URL, allowLoopback: boolean): Promise<LookupAddress[] | undefined> {
  if (url.protocol !== 'https:' && !(allowLoopback && isLoopbackHost(url.hostname))) {
    throw validationError(`Only HTTPS URLs are allowed (got ${url.protocol}//${url.host})`)
  }

  if (allowLoopback && isLoopbackHost(url.hostname)) return undefined
  const literal = url.hostname.replace(/^\[|\]$/g, '')
  const addresses: LookupAddress[] = isIP(literal)
    ? [{address: literal, family: isIP(literal)}]
    : await lookup(url.hostname, {all: true}).catch(() => [])
  if (addresses.length === 0) throw validationError(`Cannot resolve host ${url.hostname}`)
  if (addresses.some(({address}) => isPrivateAddress(address))) {
    throw validationError(`Refusing ${url.host}: it resolves to a private or loopback address`)
  }

  return isIP(literal) ? undefined : addresses
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void

/** A `dns.lookup` stand-in that answers every query with the given, already checked, addresses. */
export function pinnedLookup(addresses: LookupAddress[]) {
  return (_hostname: string, options: LookupOptions | number | LookupCallback, callback?: LookupCallback): void => {
    const done = (typeof options === 'function' ? options : callback) as LookupCallback
    const wanted = typeof options === 'object' ? options : {}
    const family = wanted.family === 4 || wanted.family === 6 ? wanted.family : 0
    const usable = family ? addresses.filter((entry) => entry.family === family) : addresses
    if (usable.length === 0) {
      done(Object.assign(new Error(`No IPv${family} address was checked for this host`), {code: 'ENOTFOUND'}), [])
      return
    }

    if (wanted.all) done(null, usable)
    else done(null, usable[0].address, usable[0].family)
  }
}

function remoteFileName(url: URL, kind: MediaKind): string {
  const name = basename(url.pathname) || 'media'
  const ext = extensionOf(name)
  return EXTENSIONS[kind].includes(ext) ? name.replace(/[^\w.-]/g, '_') : `media.${EXTENSIONS[kind][0]}`
}
