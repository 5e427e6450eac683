import type {ServiceEndpoint} from '../api/base-url.js'
import {isLoopbackHost} from '../api/base-url.js'
import type {Credential} from '../api/client.js'
import type {InternalStore} from '../config/internal-store.js'

/**
 * Which credential to send (cli-spec §9): PIXVERSE_TOKEN, then the stored token, then
 * PIXVERSE_ACCESS_KEY. A stored token goes only to the kind of host it was issued by: a sandbox
 * token never reaches PixVerse, and a real token never reaches a local or custom server.
 */
export function pickCredential(session: InternalStore, endpoint: ServiceEndpoint, env = process.env): Credential | undefined {
  const envToken = env.PIXVERSE_TOKEN?.trim()
  if (envToken) return {kind: 'token', value: envToken}
  const stored = session.token
  if (stored && tokenFitsEndpoint(session.snapshot().tokenApiBase, endpoint)) return {kind: 'token', value: stored}
  const accessKey = env.PIXVERSE_ACCESS_KEY?.trim()
  if (accessKey) return {kind: 'access-key', value: accessKey}
  return undefined
}

/** Tokens written by the reference client carry no origin: they belong to the PixVerse hosts. */
function tokenFitsEndpoint(issuedBy: unknown, endpoint: ServiceEndpoint): boolean {
  const current = new URL(endpoint.apiBase)
  if (typeof issuedBy !== 'string' || issuedBy === '') return !endpoint.local && (current.hostname.endsWith('pixverse.ai') || current.hostname.endsWith('pixverseai.com'))
  const issued = new URL(issuedBy)
  if (isLoopbackHost(issued.hostname) && isLoopbackHost(current.hostname)) return true
  return issued.host === current.host
}

/** Where a token came from, stored beside it at login. */
export function tokenOrigin(endpoint: ServiceEndpoint): string {
  return new URL(endpoint.apiBase).origin
}
