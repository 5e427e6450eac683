import type {IncomingMessage, ServerResponse} from 'node:http'

const CHUNK = Buffer.alloc(64 * 1024, 0x5a)
const MAX_BYTES = 8 * 1024 * 1024 * 1024

/**
 * `GET /_blob/<bytes>`: a synthetic file of any size, generated on the fly (nothing on disk), with
 * Range support. `?cut=<n>` closes the connection after n bytes of a request that has no Range
 * header, so resuming downloads can be rehearsed and measured. Used by the transfer benchmarks.
 */
export function handleBlob(req: IncomingMessage, res: ServerResponse, rest: string, query: URLSearchParams): void {
  const total = Number(rest.replace(/\.\w+$/, ''))
  if (!Number.isSafeInteger(total) || total < 0 || total > MAX_BYTES) {
    res.writeHead(400, {'content-type': 'text/plain'}).end('bad size')
    return
  }

  const range = /^bytes=(\d+)-(\d*)$/.exec(String(req.headers.range ?? ''))
  const start = range ? Number(range[1]) : 0
  const end = range && range[2] ? Math.min(Number(range[2]), total - 1) : total - 1
  if (start > end && total > 0) {
    res.writeHead(416, {'content-range': `bytes */${total}`}).end()
    return
  }

  const length = end - start + 1
  const cut = range ? undefined : Number(query.get('cut') ?? Number.NaN)
  res.writeHead(range ? 206 : 200, {
    'accept-ranges': 'bytes',
    'content-length': String(length),
    'content-type': 'application/octet-stream',
    ...(range ? {'content-range': `bytes ${start}-${end}/${total}`} : {}),
  })
  let sent = 0
  const pump = () => {
    while (sent < length) {
      if (cut !== undefined && Number.isFinite(cut) && sent >= cut) {
        res.destroy()
        return
      }

      const size = Math.min(CHUNK.length, length - sent)
      sent += size
      if (!res.write(size === CHUNK.length ? CHUNK : CHUNK.subarray(0, size))) {
        res.once('drain', pump)
        return
      }
    }

    res.end()
  }

  pump()
}
