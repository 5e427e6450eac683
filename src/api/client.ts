import {randomUUID} from 'node:crypto'

import {CliError, ExitCode, authError} from '../errors.js'
import type {ServiceEndpoint} from './base-url.js'
import {defaultMessageFor, exitCodeFor, isWorkspaceError} from './error-codes.js'
import {loadGot} from './http.js'
import {clock} from '../util/clock.js'
import {
  RETRY,
  isRetryableNetworkError,
  isRetryableStatus,
  markTransient,
  mayRetry,
  retryAfterMs,
  retryDelay,
  sleep,
} from './retry.js'

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
  /** Lines for stderr: a retry, or a host that has not answered for a second. */
  onNotice?: (message: string) => void
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

/** A call's whole budget, retries included, when the command has no deadline of its own (--timeout). */
const CALL_BUDGET_MS = 45_000
/** The reference client's per-request timeout; less when the deadline is nearer. */
const REQUEST_TIMEOUT_MS = 30_000
/** A host silent this long gets one line on stderr, so a hang never looks like nothing. */
const SLOW_NOTICE_MS = 1000

// The largest API answer read (a page of a list is tens of kB): a broken or hostile server must not
// make the CLI hold hundreds of MB in memory. Media downloads are streamed and capped elsewhere.
export const MAX_ANSWER_BYTES = 8 * 1024 * 1024

/** The PixVerse HTTP client: headers, envelope, error mapping and retries in one place. */
export class ApiClient {
  /** When the command must end (clock ms, from --timeout): no request runs or is retried past it. */
  private deadline?: number
  private slowNoticeGiven = false

  constructor(readonly settings: ClientSettings) {}

  get endpoint(): ServiceEndpoint {
    return this.settings.endpoint
  }

  async get<T>(
    path: string,
    query?: CallOptions['query'],
    options: Omit<CallOptions, 'query' | 'body'> = {},
  ): Promise<T> {
    return (await this.call<T>('GET', path, {retry: 'safe', ...options, query})).data
  }

  async post<T>(path: string, body?: unknown, options: Omit<CallOptions, 'body'> = {}): Promise<T> {
    return (await this.call<T>('POST', path, {retry: 'safe', ...options, body})).data
  }

  /**
   * The same client bound to one deadline for a whole command (`--timeout` seconds from now): no
   * request runs, and none is retried, past it. A copy, so a shared client (the MCP server's) keeps none.
   */
  withDeadline(atMs: number): ApiClient {
    const bound = new ApiClient(this.settings)
    bound.deadline = Math.min(atMs, this.deadline ?? Infinity)
    return bound
  }

  async call<T>(method: 'GET' | 'POST', path: string, options: CallOptions = {}): Promise<ApiResult<T>> {
    const traceId = this.settings.fixedTraceId ?? randomUUID()
    // Only safe calls are repeated (retry.ts: `RETRY.apiCall`); the rest get one try.
    const schedule = options.retry === 'once' ? RETRY.once : RETRY.apiCall
    const end = Math.min(this.deadline ?? Infinity, clock().now() + CALL_BUDGET_MS)
    for (let attempt = 1; ; attempt++) {
      const left = end - clock().now()
      if (left <= 0) throw this.pastDeadline(path, traceId)
      const outcome = await this.attempt(
        method,
        path,
        options,
        traceId,
        Math.min(this.settings.timeoutMs ?? REQUEST_TIMEOUT_MS, left),
      )
      if (outcome.kind === 'done') {
        return {data: this.unwrap<T>(outcome.envelope, path, outcome.traceId), traceId: outcome.traceId}
      }

      const delay = retryDelay(schedule, attempt, outcome.retryAfterMs)
      const outOfTime = clock().now() + delay >= end
      if (outcome.retryable && outOfTime && this.deadline !== undefined && clock().now() + delay >= this.deadline) {
        throw this.pastDeadline(path, traceId, outcome.error)
      }

      if (!mayRetry(schedule, attempt) || !outcome.retryable || outOfTime)
        throw outcome.retryable ? markTransient(outcome.error) : outcome.error
      this.settings.onNotice?.(
        `Retrying ${path} on ${this.host} in ${(delay / 1000).toFixed(1)}s (try ${attempt + 1} of ${schedule.tries}): ${outcome.error.message}`,
      )
      await sleep(delay)
    }
  }

  private get host(): string {
    try {
      return new URL(this.settings.endpoint.apiBase).host
    } catch {
      return this.settings.endpoint.apiBase
    }
  }

  /** The command's --timeout ran out during a call: exit 2, like a poll that ran out of time. */
  private pastDeadline(path: string, traceId: string, cause?: CliError): CliError {
    const why = cause ? `: ${cause.message}` : ''
    return new CliError(`Timed out: no answer from ${this.host} to ${path} within --timeout${why}`, {
      exitCode: ExitCode.Timeout,
      traceId,
      cause,
    })
  }

  /** Says once per command, after a second of silence, which host the CLI is waiting for. */
  private noticeWhenSlow(path: string, timeoutMs: number): () => void {
    const notice = this.settings.onNotice
    if (!notice || this.slowNoticeGiven) return () => {}
    const stop = new AbortController()
    clock()
      .sleep(SLOW_NOTICE_MS, stop.signal)
      .then(() => {
        this.slowNoticeGiven = true
        notice(
          `Waiting for ${this.host}: no answer to ${path} yet (giving up after ${Math.ceil(timeoutMs / 1000)}s, then retrying if safe)`,
        )
      })
      .catch(() => {})
    return () => stop.abort()
  }

  private async attempt(
    method: 'GET' | 'POST',
    path: string,
    options: CallOptions,
    traceId: string,
    timeoutMs: number,
  ): Promise<
    | {kind: 'done'; envelope: Envelope; traceId: string}
    | {kind: 'failed'; error: CliError; retryable: boolean; retryAfterMs?: number}
  > {
    const got = await loadGot()
    const url = `${this.settings.endpoint.apiBase}/${path.replace(/^\//, '')}`
    let response
    const slow = this.noticeWhenSlow(path, timeoutMs)
    let tooLarge = false
    try {
      const pending = got(url, {
        method,
        headers: this.headers(traceId, options),
        searchParams: cleanQuery(options.query),
        ...(options.body === undefined ? {} : {json: options.body}),
        responseType: 'text',
        throwHttpErrors: false,
        followRedirect: false,
        retry: {limit: 0},
        timeout: {request: Math.max(1, Math.round(timeoutMs))},
      })
      // Stops reading as soon as the announced or received size passes the cap.
      pending.on('downloadProgress', ({transferred, total}) => {
        if (transferred > MAX_ANSWER_BYTES || (total ?? 0) > MAX_ANSWER_BYTES) {
          tooLarge = true
          pending.cancel()
        }
      })
      response = await pending
    } catch (error) {
      if (tooLarge) {
        const message = `Service answer to ${path} is larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MB: refused as malformed`
        return {kind: 'failed', error: new CliError(message, {exitCode: ExitCode.General, traceId}), retryable: false}
      }

      const message = `Network error calling ${path}: ${(error as Error).message}`
      return {
        kind: 'failed',
        error: new CliError(message, {
          exitCode: ExitCode.General,
          code: (error as {code?: string}).code,
          traceId,
          hint: networkHint(url),
        }),
        retryable: isRetryableNetworkError(error),
      }
    } finally {
      slow()
    }

    const responseTrace = headerValue(response.headers['ai-trace-id']) ?? traceId
    const envelope = parseEnvelope(response.body)
    const status = response.statusCode
    // An envelope is the answer whatever the HTTP status (docs/protocol.md §1.4), unless the status says "try again".
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
    if (exitCodeFor(code) === ExitCode.Auth && !this.settings.credential)
      return authError('Not logged in', code, traceId)
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
