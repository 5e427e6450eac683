import type {ServiceEndpoint} from './base-url.js'
import {isLoopbackHost} from './base-url.js'
import type {Credential} from './client.js'
import {fromDotEnv} from '../config/dotenv.js'
import type {InternalStore} from '../config/internal-store.js'

/** The PixVerse domains a token written by the reference client (no origin stored) belongs to. */
const PIXVERSE_DOMAINS = ['pixverse.ai', 'pixverseai.com']

/**
 * Which credential to send (docs/cli.md §9): PIXVERSE_TOKEN, then the stored token, then
 * PIXVERSE_ACCESS_KEY. A stored token goes only to the origin it was issued by: a sandbox token
 * never reaches PixVerse, a real token never reaches a local or custom server, and never a base
 * URL that a `./.env` file chose (a cloned repository's `.env` is not the user's choice).
 */
export function pickCredential(
  session: InternalStore,
  endpoint: ServiceEndpoint,
  env = process.env,
): Credential | undefined {
  const envToken = env.PIXVERSE_TOKEN?.trim()
  if (envToken) return {kind: 'token', value: envToken}
  const stored = session.token
  const trustedBase = !fromDotEnv('PIXVERSE_API_BASE')
  if (stored && trustedBase && tokenFitsEndpoint(session.snapshot().tokenApiBase, endpoint))
    return {kind: 'token', value: stored}
  const accessKey = env.PIXVERSE_ACCESS_KEY?.trim()
  if (accessKey) return {kind: 'access-key', value: accessKey}
  return undefined
}

/**
 * Same scheme, host and port as where the token was issued (any loopback port for the sandbox,
 * whose port changes); plain http only on loopback. A token with no origin belongs to PixVerse's
 * own domains, matched at a dot boundary (`evilpixverse.ai` is not `pixverse.ai`).
 */
export function tokenFitsEndpoint(issuedBy: unknown, endpoint: ServiceEndpoint): boolean {
  const current = new URL(endpoint.apiBase)
  const loopback = isLoopbackHost(current.hostname)
  if (current.protocol !== 'https:' && !(loopback && current.protocol === 'http:')) return false
  if (typeof issuedBy !== 'string' || issuedBy === '') {
    const host = current.hostname.toLowerCase()
    return (
      !endpoint.local &&
      current.protocol === 'https:' &&
      PIXVERSE_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`))
    )
  }

  let issued: URL
  try {
    issued = new URL(issuedBy)
  } catch {
    return false
  }

  if (isLoopbackHost(issued.hostname) && loopback) return true
  return issued.protocol === 'https:' && issued.origin === current.origin
}

/** Where a token came from, stored beside it at login. */
export function tokenOrigin(endpoint: ServiceEndpoint): string {
  return new URL(endpoint.apiBase).origin
}
