import {isIP} from 'node:net'

import {validationError} from '../errors.js'

interface Preset {
  api: string
  web: string
}

/** The service's environments (docs/protocol.md §1.1). */
const PRESETS: Record<string, Preset> = {
  production: {api: 'https://app-api.pixverse.ai/creative_platform', web: 'https://app.pixverse.ai'},
  test: {api: 'https://test-api.pixverseai.com/creative_platform_test', web: 'https://test-app.pixverseai.com'},
  preview: {
    api: 'https://preview-api.pixverseai.com/creative_platform_preview',
    web: 'https://preview-app.pixverseai.com',
  },
}

const ENV_ALIASES: Record<string, string> = {
  test: 'test',
  testing: 'test',
  dev: 'test',
  preview: 'preview',
  staging: 'preview',
  production: 'production',
  prod: 'production',
}

const TRUSTED_HOSTS = new Set(['app-api.pixverse.ai', 'test-api.pixverseai.com', 'preview-api.pixverseai.com'])

export interface ServiceEndpoint {
  /** Prefix every API path is appended to, without a trailing slash. */
  apiBase: string
  /** Web app base, for browser links (subscribe, team management). */
  webBase: string
  /** True when the API is on this machine (the sandbox): loosens the remote-media rules. */
  local: boolean
  /**
   * Where object uploads are sent instead of the bucket's own host, still naming that host in `Host`
   * (the request and its signature are unchanged): the sandbox's origin under `--sandbox`, or
   * PIXVERSE_UPLOAD_BASE. Unset, uploads go to the OSS host the protocol names, as in production.
   */
  uploadOrigin?: string
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  if (host === 'localhost' || host === '::1') return true
  return isIP(host) === 4 && host.startsWith('127.')
}

/**
 * Chooses where requests go (docs/cli.md §9 "Base URL"): an allow-listed PixVerse host over https,
 * the sandbox on loopback (http allowed), or a custom host only with PIXVERSE_ALLOW_CUSTOM_API_BASE=1.
 */
export function resolveEndpoint(env: NodeJS.ProcessEnv = process.env): ServiceEndpoint {
  const endpoint = serviceEndpoint(env)
  const upload = env.PIXVERSE_UPLOAD_BASE?.trim()
  return upload ? {...endpoint, uploadOrigin: uploadOrigin(upload, env)} : endpoint
}

function serviceEndpoint(env: NodeJS.ProcessEnv): ServiceEndpoint {
  const explicit = env.PIXVERSE_API_BASE?.trim()
  if (explicit) return fromExplicitBase(explicit, env)

  const name = env.PIXVERSE_ENV?.trim().toLowerCase()
  if (!name) return {apiBase: PRESETS.production.api, webBase: PRESETS.production.web, local: false}
  const preset = ENV_ALIASES[name]
  if (!preset) {
    throw validationError(`Unknown PIXVERSE_ENV "${env.PIXVERSE_ENV}". Valid: ${Object.keys(ENV_ALIASES).join(', ')}`)
  }

  return {apiBase: PRESETS[preset].api, webBase: PRESETS[preset].web, local: false}
}

function fromExplicitBase(value: string, env: NodeJS.ProcessEnv): ServiceEndpoint {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw validationError(`Invalid PIXVERSE_API_BASE URL "${value}"`)
  }

  const apiBase = value.replace(/\/+$/, '')
  const webBase = `${url.protocol}//${url.host}`
  if (url.protocol === 'https:' && TRUSTED_HOSTS.has(url.hostname)) {
    const preset = Object.values(PRESETS).find((p) => new URL(p.api).hostname === url.hostname)
    return {apiBase, webBase: preset?.web ?? webBase, local: false}
  }

  if ((url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHost(url.hostname)) {
    return {apiBase, webBase, local: true}
  }

  if (env.PIXVERSE_ALLOW_CUSTOM_API_BASE === '1' && (url.protocol === 'https:' || url.protocol === 'http:')) {
    return {apiBase, webBase, local: false}
  }

  throw validationError(
    `Untrusted PIXVERSE_API_BASE "${value}": only PixVerse hosts over https or a loopback sandbox are allowed`,
    'Set PIXVERSE_ALLOW_CUSTOM_API_BASE=1 to use another host on purpose.',
  )
}

/** PIXVERSE_UPLOAD_BASE: a loopback sandbox (or, on purpose, any host), as for the API base. */
function uploadOrigin(value: string, env: NodeJS.ProcessEnv): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw validationError(`Invalid PIXVERSE_UPLOAD_BASE URL "${value}"`)
  }

  const web = url.protocol === 'http:' || url.protocol === 'https:'
  if (web && (isLoopbackHost(url.hostname) || env.PIXVERSE_ALLOW_CUSTOM_API_BASE === '1')) return url.origin
  throw validationError(
    `Untrusted PIXVERSE_UPLOAD_BASE "${value}": only a loopback sandbox is allowed`,
    'Set PIXVERSE_ALLOW_CUSTOM_API_BASE=1 to send uploads to another host on purpose.',
  )
}
