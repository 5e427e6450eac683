import {resolveEndpoint} from './base-url.js'
import {ApiClient, type ClientSettings, type Credential} from './client.js'

export interface ApiClientOptions {
  /** API base URL (…/creative_platform). Default: PIXVERSE_API_BASE / PIXVERSE_ENV, with the same allow-list as the CLI. */
  apiBase?: string
  /** A login token or an access key; without one only anonymous calls work. */
  credential?: Credential
  /** 0 = personal (default). */
  workspaceId?: number
  language?: string
  traceId?: string
  /** Identifies the caller in the User-Agent and X-Cli-Source headers. */
  userAgent?: string
}

/**
 * An API client outside a command (scripts, plugin hooks). Inside a command prefer
 * `AuthedCommand#api`, which also knows the stored session, --sandbox and --workspace-id.
 */
export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const env = options.apiBase ? {...process.env, PIXVERSE_API_BASE: options.apiBase} : process.env
  const settings: ClientSettings = {
    endpoint: resolveEndpoint(env),
    credential: options.credential,
    workspaceId: options.workspaceId ?? 0,
    language: options.language ?? 'en-US',
    fixedTraceId: options.traceId,
    cliSource: 'plugin',
    userAgent: options.userAgent ?? `pixverse-plugin node/${process.versions.node}`,
  }
  return new ApiClient(settings)
}
