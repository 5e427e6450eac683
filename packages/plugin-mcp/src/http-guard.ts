/**
 * Who may talk to `mcp serve --http`. Any web page the user visits can send requests to loopback
 * (and, through DNS rebinding, read the answers), and any local user can connect: so a request
 * must name this server's own loopback address and port as its Host, carry no Origin but a
 * loopback one, and present the bearer token printed at start. Checked before anything runs.
 */
import {createHash, randomBytes, timingSafeEqual} from 'node:crypto'
import type {IncomingMessage} from 'node:http'

export interface Refusal {
  status: 401 | 403
  message: string
}

/** 32 random bytes, URL-safe: what `mcp serve --http` prints once when no token was given. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url')
}

/** The Host values a client of `http://127.0.0.1:<port>` or `http://localhost:<port>` sends. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`]
}

export function checkRequest(req: IncomingMessage, port: number, token: string): Refusal | undefined {
  const host = req.headers.host?.toLowerCase()
  if (!host || !allowedHosts(port).includes(host))
    return {status: 403, message: `Host ${req.headers.host ?? '(none)'} is not this server`}
  const origin = req.headers.origin
  if (origin !== undefined && !isLoopbackOrigin(origin))
    return {status: 403, message: `Origin ${origin} is not allowed`}
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1]
  if (!presented || !sameSecret(presented, token)) return {status: 401, message: 'Missing or wrong bearer token'}
  return undefined
}

function isLoopbackOrigin(origin: string): boolean {
  try {
    const url = new URL(origin)
    const host = url.hostname.replace(/^\[|\]$/g, '')
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      (host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host))
    )
  } catch {
    return false // "null" (a sandboxed frame or a file:// page) and anything unreadable
  }
}

/** Compares digests, so neither the length nor the first differing byte leaks through timing. */
function sameSecret(a: string, b: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest()
  return timingSafeEqual(digest(a), digest(b))
}
