/** Small HTTP helpers shared by the routes: the PixVerse envelope, errors, body parsing. */
import type {IncomingMessage, ServerResponse} from 'node:http'
import type {State, Store} from './store.js'

/** A PixVerse-level failure: answered as HTTP 200 + {ErrCode, ErrMsg, Resp: null}. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message)
  }
}

// Error codes, from docs/protocol.md §1.5 and §2.1 (the ones the client interprets) plus the sandbox's
// own generic codes for cases the protocol leaves open (documented in the sandbox README note).
export const ERR = {
  tokenInvalid: 10002,
  tokenExpired: 10005,
  slowDown: 10054,
  authorizationPending: 10055,
  deviceExpired: 10056,
  deviceCodeInvalid: 10057,
  notFound: 400001,
  invalidParam: 400017,
  notReady: 400018,
  uploadMissing: 400019,
  unknownEndpoint: 404,
  methodNotAllowed: 405,
  insufficientCredits: 500043,
  concurrencyLimit: 500044,
  sensitive: 500063,
  workspaceDenied: 500401,
} as const

export const invalidParam = (what: string) => new ApiError(ERR.invalidParam, `Invalid parameter: ${what}`)

export interface Ctx {
  req: IncomingMessage
  res: ServerResponse
  method: string
  /** path below /creative_platform/ without leading slash, e.g. "video/t2v" */
  route: string
  query: URLSearchParams
  body: Record<string, unknown>
  origin: string
  /** Where the device page is: the loopback origin, or the web app's name over https. */
  webOrigin: string
  store: Store
  now: number
  /** the authenticated caller; set by the server before authed handlers run */
  auth?: {kind: 'token' | 'access-key'; workspaceId: number}
}

export type Handler = (ctx: Ctx) => unknown | Promise<unknown>

export interface Route {
  method: 'GET' | 'POST'
  /** false only for the two OAuth device endpoints */
  auth: boolean
  handler: Handler
}

export type RouteTable = Record<string, Route>

export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  const body = Buffer.from(JSON.stringify(value))
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(body.length),
    ...headers,
  })
  res.end(body)
}

export function sendEnvelope(res: ServerResponse, errCode: number, errMsg: string, resp: unknown): void {
  sendJson(res, 200, {ErrCode: errCode, ErrMsg: errMsg, Resp: resp})
}

export function sendText(res: ServerResponse, status: number, contentType: string, text: string): void {
  const body = Buffer.from(text)
  res.writeHead(status, {'content-type': contentType, 'content-length': String(body.length)})
  res.end(body)
}

const MAX_BODY = 120 * 1024 * 1024

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY) {
        reject(new Error('body too large'))
        req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/** JSON bodies are objects; empty bodies (authorize, getUploadToken) are {}. */
export function parseJsonBody(raw: Buffer): Record<string, unknown> {
  const text = raw.toString('utf8').trim()
  if (text === '') return {}
  const value = JSON.parse(text) as unknown
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw invalidParam('request body must be a JSON object')
  return value as Record<string, unknown>
}

// ---- field readers: turn a loose JSON body into checked values, or a 400017 naming the field ----

export function str(
  body: Record<string, unknown>,
  field: string,
  opts: {required?: boolean; nonEmpty?: boolean} = {},
): string | undefined {
  const value = body[field]
  if (value === undefined || value === null) {
    if (opts.required) throw invalidParam(`${field} is required`)
    return undefined
  }
  if (typeof value !== 'string') throw invalidParam(`${field} must be a string`)
  if (opts.nonEmpty && value.trim() === '') throw invalidParam(`${field} must not be empty`)
  return value
}

export function int(
  body: Record<string, unknown>,
  field: string,
  opts: {required?: boolean; min?: number; max?: number} = {},
): number | undefined {
  const value = body[field]
  if (value === undefined || value === null) {
    if (opts.required) throw invalidParam(`${field} is required`)
    return undefined
  }
  if (typeof value !== 'number' || !Number.isInteger(value)) throw invalidParam(`${field} must be an integer`)
  if (opts.min !== undefined && value < opts.min) throw invalidParam(`${field} must be >= ${opts.min}`)
  if (opts.max !== undefined && value > opts.max) throw invalidParam(`${field} must be <= ${opts.max}`)
  return value
}

export function strArray(
  body: Record<string, unknown>,
  field: string,
  opts: {required?: boolean; min?: number} = {},
): string[] | undefined {
  const value = body[field]
  if (value === undefined || value === null) {
    if (opts.required) throw invalidParam(`${field} is required`)
    return undefined
  }
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v === ''))
    throw invalidParam(`${field} must be an array of non-empty strings`)
  if (opts.min !== undefined && value.length < opts.min)
    throw invalidParam(`${field} needs at least ${opts.min} item(s)`)
  return value as string[]
}

/** Ids are JSON numbers on the wire; query strings carry them as decimal text. */
export function idParam(value: unknown, field: string): number {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n <= 0)
    throw invalidParam(`${field} must be a positive integer id`)
  return n
}

/** A "media path" as docs/protocol.md §3.0 defines it: relative, has a slash, no scheme, no dot segments. */
export function isMediaPath(value: string): boolean {
  if (value === '' || !value.includes('/') || /^[a-z][a-z0-9+.-]*:/i.test(value)) return false
  if (/^(\/|\.\/|\.\.\/|~|\\)/.test(value)) return false
  return !value.split('/').some((s) => s === '.' || s === '..')
}

export function mediaUrl(origin: string, mediaPath: string): string {
  return `${origin}/media/${mediaPath.split('/').map(encodeURIComponent).join('/')}`
}

export type {State}
