import {randomUUID} from 'node:crypto'

import {CliError, ExitCode, authError} from '../errors.js'
import type {ServiceEndpoint} from './base-url.js'
import {defaultMessageFor, exitCodeFor, isWorkspaceError} from './error-codes.js'
import {loadGot} from './http.js'
import {backoffDelay, isRetryableNetworkError, isRetryableStatus, markTransient, retryAfterMs, sleep} from './retry.js'

export type Credential = {kind: 'token'; value: string} | {kind: 'access-key'; value: string}

export interface ClientSettings {
  endpoint: ServiceEndpoint
  credential?: Credential
  /** Effective workspace id; 0 (personal) sends no header. */
  workspaceId: number
  language: string
  /** From --trace-id: used on every request of the invocation. */
  fixedTraceId?: string
  cliSource: string
  userAgent: string
  /** Per-request timeout in ms (30 s like the reference client). */
  timeoutMs?: number
  /** Called on a workspace error; returns text appended to the message (the fallback notice). */
  onWorkspaceLost?: (path: string) => string | undefined
}

/**
 * How a call may be repeated after a transport failure. `safe` calls read or are deduplicated by the
 * service (an idempotency key in the body), so repeating them cannot charge twice; `once` calls
 * (a create without a key, a login poll) are never repeated.
 */
export type RetryPolicy = 'safe' | 'once'

export interface CallOptions {
  query?: Record<string, string | number | boolean | undefined>
  body?: unknown
  retry?: RetryPolicy
  headers?: Record<string, string>
  /** Skip credentials (the device-flow endpoints). */
  anonymous?: boolean
}

export interface ApiResult<T> {
  data: T
  traceId: string
}

interface Envelope {
  ErrCode: number
  ErrMsg?: string
  Resp?: unknown
}

// Eight tries (seven jittered waits from 0.3 s up to 5 s, about 15 s in all): agents run unattended,
// so a burst of failed answers should cost some seconds, not the job. Only safe calls are repeated.
const MAX_ATTEMPTS = 8

/** The PixVerse HTTP client: headers, envelope, error mapping and retries in one place. */
export class ApiClient {
  /** The trace id of the latest response (the service's `ai-trace-id` when it sent one). */
  lastTraceId?: string

  constructor(readonly settings: ClientSettings) {}

  get endpoint(): ServiceEndpoint {
    return this.settings.endpoint
  }

  async get<T>(path: string, query?: CallOptions['query'], options: Omit<CallOptions, 'query' | 'body'> = {}): Promise<T> {
    return (await this.call<T>('GET', path, {retry: 'safe', ...options, query})).data
  }

  async post<T>(path: string, body?: unknown, options: Omit<CallOptions, 'body'> = {}): Promise<T> {
    return (await this.call<T>('POST', path, {retry: 'safe', ...options, body})).data
  }

  async call<T>(method: 'GET' | 'POST', path: string, options: CallOptions = {}): Promise<ApiResult<T>> {
    const traceId = this.settings.fixedTraceId ?? randomUUID()
    const attempts = options.retry === 'once' ? 1 : MAX_ATTEMPTS
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(method, path, options, traceId)
      if (outcome.kind === 'done') {
        this.lastTraceId = outcome.traceId
        return {data: this.unwrap<T>(outcome.envelope, path, outcome.traceId), traceId: outcome.traceId}
      }

      if (attempt >= attempts || !outcome.retryable) throw outcome.retryable ? markTransient(outcome.error) : outcome.error
      await sleep(outcome.retryAfterMs ?? backoffDelay(attempt))
    }
  }

  private async attempt(
    method: 'GET' | 'POST',
    path: string,
    options: CallOptions,
    traceId: string,
  ): Promise<
    | {kind: 'done'; envelope: Envelope; traceId: string}
    | {kind: 'failed'; error: CliError; retryable: boolean; retryAfterMs?: number}
  > {
    const got = await loadGot()
    const url = `${this.settings.endpoint.apiBase}/${path.replace(/^\//, '')}`
    let response
    try {
      response = await got(url, {
        method,
        headers: this.headers(traceId, options),
        searchParams: cleanQuery(options.query),
        ...(options.body === undefined ? {} : {json: options.body}),
        responseType: 'text',
        throwHttpErrors: false,
        followRedirect: false,
        retry: {limit: 0},
        timeout: {request: this.settings.timeoutMs ?? 30_000},
      })
    } catch (error) {
      const message = `Network error calling ${path}: ${(error as Error).message}`
      return {
        kind: 'failed',
        error: new CliError(message, {exitCode: ExitCode.General, code: (error as {code?: string}).code, traceId, hint: networkHint(url)}),
        retryable: isRetryableNetworkError(error),
      }
    }

    const responseTrace = headerValue(response.headers['ai-trace-id']) ?? traceId
    const envelope = parseEnvelope(response.body)
    const status = response.statusCode
    // An envelope is the answer whatever the HTTP status (api.md §1.4), unless the status says "try again".
    if (envelope && !isRetryableStatus(status)) return {kind: 'done', envelope, traceId: responseTrace}

    // A 2xx whose body is not an envelope is a damaged answer: worth one more try.
    const retryable = isRetryableStatus(status) || status < 300
    const error = envelope
      ? this.toApiError(envelope, path, responseTrace)
      : new CliError(`Service error on ${path}: ${status < 300 ? 'malformed response body' : `HTTP ${status}`}`, {
          exitCode: ExitCode.General,
          code: status,
          traceId: responseTrace,
        })
    return {kind: 'failed', error, retryable, retryAfterMs: retryAfterMs(response.headers['retry-after'])}
  }

  private unwrap<T>(envelope: Envelope, path: string, traceId: string): T {
    if (envelope.ErrCode === 0) return envelope.Resp as T
    throw this.toApiError(envelope, path, traceId)
  }

  private toApiError(envelope: Envelope, path: string, traceId: string): CliError {
    const code = envelope.ErrCode
    // Sent without any credential, every auth refusal means the same thing: one wording everywhere.
    if (exitCodeFor(code) === ExitCode.Auth && !this.settings.credential) return authError('Not logged in', code, traceId)
    const fallback = defaultMessageFor(code)
    let message = envelope.ErrMsg?.trim() || fallback.message
    if (isWorkspaceError(code)) message += this.settings.onWorkspaceLost?.(path) ?? ''
    return new CliError(message, {exitCode: exitCodeFor(code), code, traceId, hint: fallback.hint})
  }

  private headers(traceId: string, options: CallOptions): Record<string, string> {
    const {settings} = this
    const headers: Record<string, string> = {
      'Ai-Trace-Id': traceId,
      'Accept-Language': settings.language,
      'X-Platform': 'CLI',
      'X-Cli-Source': settings.cliSource,
      'User-Agent': settings.userAgent,
      Accept: 'application/json',
      ...options.headers,
    }
    if (!options.anonymous && settings.credential) {
      headers[settings.credential.kind === 'token' ? 'Token' : 'Access-Key'] = settings.credential.value
    }

    if (settings.workspaceId > 0) headers['Workspace-Id'] = String(settings.workspaceId)
    return headers
  }
}

function parseEnvelope(body: string): Envelope | undefined {
  try {
    const value = JSON.parse(body) as unknown
    if (value && typeof value === 'object' && typeof (value as Envelope).ErrCode === 'number') return value as Envelope
  } catch {
    // not JSON: the caller reports a malformed response
  }

  return undefined
}

function cleanQuery(query: CallOptions['query']): Record<string, string> | undefined {
  if (!query) return undefined
  const result: Record<string, string> = {}
  for (const [key, value] of Object.entries(query)) if (value !== undefined) result[key] = String(value)
  return result
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

/** The one next step after a network failure, naming the host that could not be reached. */
function networkHint(url: string): string {
  const host = new URL(url).host
  const custom = process.env.PIXVERSE_API_BASE ? ' and PIXVERSE_API_BASE' : ''
  return `${host} could not be reached: check the connection${custom}, then run the same command again.`
}
