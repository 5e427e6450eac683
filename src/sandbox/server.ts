/**
 * The HTTP front door: dispatches by path prefix.
 *   /creative_platform/<endpoint>  PixVerse API (always HTTP 200 + {ErrCode, ErrMsg, Resp})
 *   /<key> on the OSS bucket host  OSS PutObject, virtual-host style (XML errors)
 *   /media/<media path>            generated and uploaded files (no auth, Range)
 *   /device, /device/approve       the device-flow web page
 *   /_sandbox/*                    test control API
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import type {IncomingMessage, ServerResponse} from 'node:http'
import {handleBlob} from './blob.js'
import {approvePage, approvedPage, enterCodePage} from './device-page.js'
import {
  ApiError,
  ERR,
  type Ctx,
  type RouteTable,
  parseJsonBody,
  readBody,
  sendEnvelope,
  sendJson,
  sendText,
} from './http.js'
import {injectFault} from './fault-injection.js'
import {type FaultTarget, Faults} from './faults.js'
import {contentTypeFor, fixturePath, serveFile} from './media.js'
import type {HostRole} from './hosts.js'
import {handleOssPut, objectFile, safeKey} from './oss.js'
import {appendRequest, redactHeaders} from './request-log.js'
import {sharedSandboxProof} from './shared-proof.js'
import {accountRoutes} from './routes/account.js'
import {assetRoutes} from './routes/assets.js'
import {audioRoutes} from './routes/audio.js'
import {approveUserCode, authRoutes, authenticate, findGrantByUserCode} from './routes/auth.js'
import {handleControl} from './routes/control.js'
import {imageRoutes} from './routes/image.js'
import {templateRoutes} from './routes/templates.js'
import {uploadRoutes} from './routes/upload.js'
import {videoRoutes} from './routes/video.js'
import type {Store} from './store.js'
import {taskClock} from './tasks.js'
import {requestWorkspace} from './workspaces.js'

export const API_PREFIX = '/creative_platform/'

const ROUTES: RouteTable = {
  ...authRoutes,
  ...accountRoutes,
  ...videoRoutes,
  ...imageRoutes,
  ...uploadRoutes,
  ...audioRoutes,
  ...templateRoutes,
  ...assetRoutes,
}

// Endpoints that may be called with a stale Workspace-Id without failing: they are how a
// client finds out where it is (docs/protocol.md §8: list/switch re-sync the stored workspace).
const WORKSPACE_EXEMPT = new Set(['team/workspace/list', 'team/workspace/switch', 'getUserInfo'])

export interface HandlerOptions {
  /** Where the media URLs of answers point (the loopback origin, or the CDN name over https). */
  origin(req: IncomingMessage): string
  /** Where the device page is (the loopback origin, or the web app's name over https). */
  webOrigin(req: IncomingMessage): string
  /** What the request's Host names; undefined for a name this server does not serve. */
  role(req: IncomingMessage): HostRole | undefined
  /** With a secret, `/healthz?nonce=` also answers `pid` and `proof` (shared-proof.ts). */
  secret?: string
}

export function createHandler(store: Store, options: HandlerOptions) {
  const faults = new Faults(store.dataDir)
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const traceHeader = req.headers['ai-trace-id']
    const traceId = (Array.isArray(traceHeader) ? traceHeader[0] : traceHeader) || crypto.randomUUID()
    res.setHeader('ai-trace-id', traceId)
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid')
    const pathname = url.pathname
    try {
      const role = options.role(req)
      if (role === undefined) {
        log(store, req, url, null, {refused: 'host'})
        return sendJson(res, 421, {
          error: `this server does not serve the host ${JSON.stringify(String(req.headers.host ?? ''))}`,
        })
      }

      const target = faultTarget(role, pathname)
      const rule = target && (await faults.pick(target))
      if (rule && (await injectFault(rule, req, res, store)) === 'answered')
        return log(store, req, url, null, {fault: rule.kind})
      if (role === 'oss') {
        const body = await readBody(req)
        log(store, req, url, {bytes: body.length})
        return await handleOssPut(req, res, store, pathname, body)
      }

      if (pathname.startsWith(API_PREFIX)) return await handleApi(req, res, store, options, url)
      if (pathname.startsWith('/_blob/'))
        return handleBlob(req, res, pathname.slice('/_blob/'.length), url.searchParams)
      if (pathname.startsWith('/media/')) {
        log(store, req, url, null)
        return await handleMedia(req, res, store, pathname.slice('/media/'.length))
      }

      if (pathname === '/device' || pathname === '/device/approve') return await handleDevicePage(req, res, store, url)
      if (pathname.startsWith('/_sandbox/') && role === 'loopback')
        return await handleControl(req, res, store, pathname.slice('/_sandbox/'.length))
      if (pathname === '/' || pathname === '/healthz')
        return sendJson(res, 200, {
          ok: true,
          service: 'pixverse-sandbox',
          api: `${options.origin(req)}/creative_platform`,
          ...identity(options.secret, url.searchParams.get('nonce')),
        })
      return sendJson(res, 404, {error: `not found: ${pathname}`})
    } catch (error) {
      if (!res.headersSent) sendJson(res, 500, {error: error instanceof Error ? error.message : String(error)})
      else res.destroy()
    }
  }
}

/** The shared sandbox's answer to a nonce: its pid and a proof that it holds the secret it was started with. */
function identity(secret: string | undefined, nonce: string | null): Record<string, unknown> {
  if (!secret || !nonce) return {}
  return {pid: process.pid, proof: sharedSandboxProof(secret, nonce, process.pid)}
}

/** Which fault rules can apply to a request (the control API and the device page never fail). */
function faultTarget(role: HostRole, pathname: string): FaultTarget | undefined {
  if (role === 'oss') return {area: 'oss'}
  if (pathname.startsWith(API_PREFIX))
    return {area: 'api', route: pathname.slice(API_PREFIX.length).replace(/\/+$/, '')}
  if (pathname.startsWith('/media/')) return {area: 'media'}
  return undefined
}

/** One line of requests.jsonl; `extra` says when the request was not served normally (fault, refused host). */
function log(store: Store, req: IncomingMessage, url: URL, body: unknown, extra: Record<string, string> = {}): void {
  appendRequest(store.requestLog, {
    time: new Date().toISOString(),
    method: req.method ?? 'GET',
    host: String(req.headers.host ?? ''),
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    body,
    headers: redactHeaders(req.headers),
    ...extra,
  })
}

async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  store: Store,
  origins: HandlerOptions,
  url: URL,
): Promise<void> {
  const raw = await readBody(req)
  let body: Record<string, unknown> = {}
  let parseError: unknown
  try {
    body = parseJsonBody(raw)
  } catch (error) {
    parseError = error
  }
  log(store, req, url, parseError ? raw.toString('utf8') : raw.length === 0 ? null : body)

  const routeName = url.pathname.slice(API_PREFIX.length).replace(/\/+$/, '')
  try {
    const route = ROUTES[routeName]
    if (!route) throw new ApiError(ERR.unknownEndpoint, `Unknown endpoint: ${req.method} ${routeName}`)
    if (req.method !== route.method)
      throw new ApiError(
        ERR.methodNotAllowed,
        `Method ${req.method} not allowed for ${routeName} (use ${route.method})`,
      )
    if (parseError)
      throw parseError instanceof ApiError
        ? parseError
        : new ApiError(ERR.invalidParam, 'Invalid parameter: request body is not valid JSON')
    const now = Date.now()
    const ctx: Ctx = {
      req,
      res,
      method: req.method,
      route: routeName,
      query: url.searchParams,
      body,
      origin: origins.origin(req),
      webOrigin: origins.webOrigin(req),
      store,
      now,
    }
    if (route.auth) {
      const [kind, left] = await store.read(
        (state) => [authenticate(req, state, now), state.account.leftWorkspaces ?? []] as const,
      )
      const workspaceId = WORKSPACE_EXEMPT.has(routeName) ? 0 : requestWorkspace(req, left)
      ctx.auth = {kind, workspaceId}
    }
    const resp = await route.handler(ctx)
    sendEnvelope(res, 0, 'success', resp ?? null)
  } catch (error) {
    if (error instanceof ApiError) return sendEnvelope(res, error.code, error.message, null)
    sendEnvelope(res, 500, `Internal sandbox error: ${error instanceof Error ? error.message : String(error)}`, null)
  }
}

/** /media/<path>: generated outputs exist only once their task is done; uploads once PUT. */
async function handleMedia(req: IncomingMessage, res: ServerResponse, store: Store, encoded: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, {error: 'method not allowed'})
  let mediaPath: string
  try {
    mediaPath = decodeURIComponent(encoded)
  } catch {
    return sendJson(res, 400, {error: 'bad path'})
  }
  const notFound = () => sendJson(res, 404, {error: `no media at ${mediaPath}`})
  const generated = /^(video|image|audio)\/(\d+)\.(mp4|png|mp3)$/.exec(mediaPath)
  if (generated) {
    const [, kind, id, ext] = generated
    const ready = await store.read((s) => {
      const task = s.tasks[id]
      return Boolean(task && task.kind === kind && !task.deleted && taskClock(task, Date.now()).status === 1)
    })
    if (!ready) return notFound()
    return serveFile(req, res, fixturePath(ext as 'mp4' | 'png' | 'mp3'), contentTypeFor(mediaPath))
  }
  if (/^frames\/[\w.-]+\.jpg$/.test(mediaPath)) return serveFile(req, res, fixturePath('jpg'), 'image/jpeg')
  const stat = /^static\/[\w./-]+\.(png|jpg|mp4|mp3)$/.exec(mediaPath)
  if (stat && safeKey(mediaPath))
    return serveFile(req, res, fixturePath(stat[1] as 'png' | 'jpg' | 'mp4' | 'mp3'), contentTypeFor(mediaPath))
  if (safeKey(mediaPath)) {
    const object = await store.read((s) => s.objects[mediaPath])
    const file = objectFile(store, mediaPath)
    if (object && fs.existsSync(file)) return serveFile(req, res, file, object.contentType || contentTypeFor(mediaPath))
  }
  return notFound()
}

async function handleDevicePage(req: IncomingMessage, res: ServerResponse, store: Store, url: URL): Promise<void> {
  const now = Date.now()
  if (url.pathname === '/device' && req.method === 'GET') {
    const code = url.searchParams.get('user_code') ?? ''
    if (code === '') return sendText(res, 200, 'text/html; charset=utf-8', enterCodePage())
    const grant = await store.read((s) => findGrantByUserCode(s, code, now))
    if (!grant)
      return sendText(
        res,
        404,
        'text/html; charset=utf-8',
        enterCodePage(`The code ${code} is unknown or has expired.`),
      )
    return sendText(res, 200, 'text/html; charset=utf-8', approvePage(grant.userCode))
  }
  if (url.pathname === '/device/approve' && req.method === 'POST') {
    const raw = (await readBody(req)).toString('utf8')
    let code = ''
    if (String(req.headers['content-type'] ?? '').includes('application/json')) {
      try {
        code = String((JSON.parse(raw) as {user_code?: unknown}).user_code ?? '')
      } catch {
        code = ''
      }
    } else {
      code = new URLSearchParams(raw).get('user_code') ?? ''
    }
    const ok = await store.update((s) => approveUserCode(s, code, now))
    if (!ok)
      return sendText(
        res,
        404,
        'text/html; charset=utf-8',
        enterCodePage(`The code ${code} is unknown or has expired.`),
      )
    return sendText(res, 200, 'text/html; charset=utf-8', approvedPage())
  }
  return sendJson(res, 405, {error: 'method not allowed'})
}
