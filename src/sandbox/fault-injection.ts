/**
 * Carries out one picked fault on a live request. Faults "before" the handler answer (or drop) the
 * request themselves; faults "after" the handler let it run (so a create is really charged) and then
 * spoil the answer by wrapping `res`.
 */
import type {IncomingMessage, ServerResponse} from 'node:http'
import type {FaultRule} from './faults.js'
import type {Store} from './store.js'

/** 'answered' when the fault produced (or killed) the response; 'go-on' when the handler must run. */
export async function injectFault(
  rule: FaultRule,
  req: IncomingMessage,
  res: ServerResponse,
  store: Store,
): Promise<'answered' | 'go-on'> {
  const plain = (status: number, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      ...headers,
    })
    res.end(body)
    return 'answered' as const
  }
  const envelope = (status: number, code: number, message: string) =>
    plain(status, JSON.stringify({ErrCode: code, ErrMsg: message, Resp: null}))

  switch (rule.kind) {
    case 'http-500':
    case 'http-502':
    case 'http-503':
      return plain(Number(rule.kind.slice(5)), JSON.stringify({error: `sandbox fault ${rule.kind}`}))
    case 'http-500-envelope':
    case 'http-503-envelope':
      return envelope(Number(rule.kind.slice(5, 8)), 500, 'Internal server error (sandbox fault)')
    case 'http-429':
      return plain(429, JSON.stringify({error: 'Too Many Requests (sandbox fault)'}), {
        'retry-after': String(rule.retryAfter ?? 1),
      })
    case 'malformed-json':
      return plain(200, '{"ErrCode": 0, "Resp": {"video_id": 12') // cut mid-document
    case 'concurrency-limit':
      return envelope(200, 500044, 'Concurrent generation limit reached (sandbox fault)')
    case 'service-error':
      return envelope(200, 500, 'Internal server error (sandbox fault)')
    case 'reset-before-body':
      req.socket.destroy()
      return 'answered'
    case 'slow':
      await new Promise((resolve) => setTimeout(resolve, rule.delayMs ?? 3000))
      return 'go-on'
    case 'expire-token':
      await store.update((state) => {
        for (const token of Object.values(state.tokens)) token.expiresAt = Math.min(token.expiresAt, Date.now() - 1)
      })
      return 'go-on'
    case 'reset-after-body':
      dropAnswer(req, res)
      return 'go-on'
    case 'truncate':
      cutHalfWay(req, res)
      return 'go-on'
    case 'hostile-name':
      rewriteDownloadName(res, '../../evil.mp3')
      return 'go-on'
  }
}

/** The handler's answer never leaves: the connection is destroyed when it tries to send it. */
function dropAnswer(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead = (() => res) as typeof res.writeHead
  res.end = (() => {
    req.socket.destroy()
    return res
  }) as typeof res.end
}

/** Sends the headers (with the full Content-Length) and half of the body, then closes the socket. */
function cutHalfWay(req: IncomingMessage, res: ServerResponse): void {
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse
  const write = res.write.bind(res) as (chunk: unknown, ...rest: unknown[]) => boolean
  let limit = Number.POSITIVE_INFINITY
  let sent = 0
  res.writeHead = ((...args: unknown[]) => {
    const headers = args.find((a) => a && typeof a === 'object') as Record<string, string> | undefined
    const length = Number(headers?.['content-length'])
    if (Number.isFinite(length) && length > 1) limit = Math.floor(length / 2)
    return writeHead(...args)
  }) as typeof res.writeHead
  res.write = ((chunk: Buffer, ...rest: unknown[]) => {
    if (sent >= limit) return false
    const room = limit - sent
    if (chunk.length < room) {
      sent += chunk.length
      return write(chunk, ...rest)
    }
    sent = limit
    write(chunk.subarray(0, room))
    // Let the half we wrote reach the client, then cut the connection.
    setTimeout(() => req.socket.destroy(), 20)
    return false
  }) as typeof res.write
}

/** Replaces Resp.download_name in the envelope the handler sends. */
function rewriteDownloadName(res: ServerResponse, name: string): void {
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse
  const end = res.end.bind(res) as (chunk?: unknown) => ServerResponse
  res.writeHead = (() => res) as typeof res.writeHead
  res.end = ((chunk?: Buffer | string) => {
    let body = chunk === undefined ? '' : chunk.toString()
    try {
      const value = JSON.parse(body) as {Resp?: Record<string, unknown>}
      if (value.Resp && typeof value.Resp === 'object' && 'download_name' in value.Resp) value.Resp.download_name = name
      body = JSON.stringify(value)
    } catch {
      // not an envelope: leave it
    }
    writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
    })
    return end(body)
  }) as typeof res.end
}
