import {type Server, createServer} from 'node:http'
import type {AddressInfo} from 'node:net'

/** What the hostile server answers for one request path (after the API prefix). */
export type HostileAnswer = {status?: number; body: string | Buffer; headers?: Record<string, string>}

export interface HostileServer {
  /** API base for PIXVERSE_API_BASE (loopback over http, so the CLI treats it as a local sandbox). */
  url: string
  /** Paths asked for, in order. */
  paths: string[]
  close(): Promise<void>
}

/** A service envelope (docs/protocol.md §1.4) around `resp`, as text. */
export function envelope(resp: unknown, errCode = 0, errMsg = ''): string {
  return JSON.stringify({ErrCode: errCode, ErrMsg: errMsg, Resp: resp})
}

/**
 * A small server on loopback that answers like a broken or malicious PixVerse service: each path
 * gets what `answer` returns (control characters in strings, huge bodies, missing fields). Tests
 * point the built CLI at it to prove what the client refuses to trust.
 */
export async function startHostileServer(answer: (path: string) => HostileAnswer): Promise<HostileServer> {
  const paths: string[] = []
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0].replace(/^\/creative_platform\//, '')
    paths.push(path)
    req.resume()
    req.on('end', () => {
      const {status = 200, body, headers = {}} = answer(path)
      res.writeHead(status, {'content-type': 'application/json', ...headers})
      res.end(body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/creative_platform`,
    paths,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
