import {type IncomingMessage, type ServerResponse, createServer} from 'node:http'
import type {AddressInfo} from 'node:net'

/**
 * What the hostile server answers for a download:
 * - `pass`: the sandbox's own file (Range requests forwarded, so a resume works)
 * - `html`: an HTML error page with HTTP 200, labelled text/html
 * - `html-as-video`: the same page labelled video/mp4
 * - `huge`: announces 100 GB, sends a little, then closes
 * - `stall`: announces the real size, sends the first half, then never sends more
 */
export type MediaBehaviour = 'pass' | 'html' | 'html-as-video' | 'huge' | 'stall'

export interface HostileMedia {
  /** API base for the CLI (PIXVERSE_API_BASE): the sandbox's API, with download links pointing here. */
  url: string
  behaviour: MediaBehaviour
  /** When set, every `file_size` in API answers is replaced by this (a service that understates sizes). */
  fileSize?: number
  /** The Range header of every media request, in order ('' when none). */
  ranges: string[]
  stop(): Promise<void>
}

const HTML = '<!doctype html><html><body><h1>502 Bad Gateway</h1></body></html>\n'

/**
 * A loopback server in front of a sandbox: API requests are forwarded unchanged, except that the
 * `url` of download answers (video/image/asset download) is replaced by one of its own, which
 * serves what `behaviour` says. For tests of what the CLI does with a broken or hostile file server.
 */
export async function startHostileMedia(sandboxApiUrl: string): Promise<HostileMedia> {
  const sandbox = new URL(sandboxApiUrl)
  const stalled = new Set<ServerResponse>()
  const state: HostileMedia = {url: '', behaviour: 'pass', ranges: [], stop: async () => {}}
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    const handle =
      url.pathname === '/hostile-media' ? serveMedia(req, res, url.searchParams.get('u') ?? '') : forward(req, res)
    handle.catch((error: Error) => {
      if (!res.headersSent) res.writeHead(500)
      res.end(String(error.message))
    })
  })

  async function forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req)
    const headers: Record<string, string> = {}
    for (const [key, value] of Object.entries(req.headers))
      if (typeof value === 'string' && key !== 'host' && key !== 'content-length') headers[key] = value
    const answer = await fetch(new URL(req.url ?? '/', sandbox.origin), {
      method: req.method,
      headers,
      body: body.length > 0 ? new Uint8Array(body) : undefined,
    })
    let text = await answer.text()
    if (state.fileSize !== undefined) text = text.replace(/"file_size":\d+/g, `"file_size":${state.fileSize}`)
    if (/\/(video|image|asset)\/download$/.test(new URL(req.url ?? '/', 'http://x').pathname)) {
      const envelope = JSON.parse(text) as {Resp?: {url?: string}}
      if (envelope.Resp?.url)
        envelope.Resp.url = `${state.url.replace(/\/creative_platform.*$/, '')}/hostile-media?u=${encodeURIComponent(envelope.Resp.url)}`
      text = JSON.stringify(envelope)
    }

    res.writeHead(answer.status, {'content-type': answer.headers.get('content-type') ?? 'application/json'})
    res.end(text)
  }

  async function serveMedia(req: IncomingMessage, res: ServerResponse, original: string): Promise<void> {
    state.ranges.push(String(req.headers.range ?? ''))
    const behaviour = state.behaviour
    if (behaviour === 'html' || behaviour === 'html-as-video') {
      res.writeHead(200, {
        'content-type': behaviour === 'html' ? 'text/html; charset=utf-8' : 'video/mp4',
        'content-length': Buffer.byteLength(HTML),
      })
      res.end(HTML)
      return
    }

    if (behaviour === 'huge') {
      res.writeHead(200, {'content-type': 'video/mp4', 'content-length': String(100 * 1024 ** 3)})
      res.write(Buffer.alloc(1024), () => res.destroy())
      return
    }

    const answer = await fetch(original, {headers: req.headers.range ? {range: req.headers.range} : {}})
    const bytes = Buffer.from(await answer.arrayBuffer())
    const headers: Record<string, string> = {
      'content-type': answer.headers.get('content-type') ?? 'application/octet-stream',
      'content-length': String(bytes.length),
    }
    const range = answer.headers.get('content-range')
    if (range) headers['content-range'] = range
    res.writeHead(answer.status, headers)
    if (behaviour === 'pass') {
      res.end(bytes)
      return
    }

    res.write(bytes.subarray(0, Math.floor(bytes.length / 2)))
    stalled.add(res) // never finished: the client must give up or be stopped
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo
  state.url = `http://127.0.0.1:${port}${sandbox.pathname}`
  state.stop = async () => {
    for (const res of stalled) res.destroy()
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  return state
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}
