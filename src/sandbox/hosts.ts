/**
 * The names the sandbox answers to. Besides its own loopback address, it serves the production host
 * names of docs/protocol.md §8 (API, OSS bucket in virtual-host style, media CDN), so that a client running with
 * its production defaults reaches it when those names resolve here (the tests' preload does that).
 * Any other `Host` is refused, like a DNS-rebinding request to a local server should be.
 */
import type {IncomingMessage} from 'node:http'

export const API_HOST = 'app-api.pixverse.ai'
export const WEB_HOST = 'app.pixverse.ai'
export const OSS_BUCKET = 'pixverse-fe-upload'
export const OSS_HOST = `${OSS_BUCKET}.oss-accelerate.aliyuncs.com`
export const CDN_HOST = 'media.pixverse.ai'

/** The names a certificate for the sandbox must carry. */
export const PRODUCTION_HOSTS = [API_HOST, WEB_HOST, OSS_HOST, CDN_HOST]

export type HostRole = 'loopback' | 'api' | 'oss' | 'cdn'

/**
 * What the request's `Host` names: this server on loopback (with the port it listens on), one of
 * the production names (on https, port 443 implied), or nothing we serve (undefined).
 */
export function hostRole(req: IncomingMessage, port: number, wildcard: boolean): HostRole | undefined {
  const raw = String(req.headers.host ?? '').toLowerCase()
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d+))?$/.exec(raw)
  if (!match) return undefined
  const [, name, portText] = match
  const hostPort = portText === undefined ? undefined : Number(portText)
  const secure = Boolean((req.socket as {encrypted?: boolean}).encrypted)
  if (
    PRODUCTION_HOSTS.includes(name) &&
    (hostPort === undefined || (secure && hostPort === 443) || hostPort === port)
  ) {
    return name === OSS_HOST ? 'oss' : name === CDN_HOST ? 'cdn' : 'api'
  }

  if (wildcard) return 'loopback'
  const loopback = name === 'localhost' || name === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(name)
  return loopback && hostPort === port ? 'loopback' : undefined
}
