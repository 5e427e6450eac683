/**
 * A local, wire-faithful PixVerse backend (docs/protocol.md) for tests, demos and offline use.
 * Point any client at it with PIXVERSE_API_BASE=<baseUrl> (and PIXVERSE_UPLOAD_BASE=<origin> for uploads). State lives in dataDir and is
 * shared by every process that serves the same folder.
 */
import http from 'node:http'
import https from 'node:https'
import type {AddressInfo} from 'node:net'
import {Faults} from './faults.js'
import {CDN_HOST, WEB_HOST, hostRole} from './hosts.js'
import {applyConfig} from './routes/control.js'
import {createHandler} from './server.js'
import {Store} from './store.js'

export interface SandboxOptions {
  port?: number
  host?: string
  dataDir: string
  taskSeconds?: number
  credits?: number
  slots?: number
  autoApprove?: boolean
  /** Fault rules to start with ({rules, seed}); see faults.ts. */
  faults?: unknown
  /**
   * Also serve https on loopback with this certificate (PEM), for the production host names of
   * hosts.ts: a client whose resolver maps them here runs with its production defaults, unchanged.
   */
  tls?: {cert: string; key: string; port?: number}
  /** Answer `/healthz?nonce=` with a proof of this secret (shared-proof.ts): the shared sandbox's identity. */
  secret?: string
  /** Called on every request, before it is handled (the shared sandbox's idle timer). */
  onRequest?(): void
}

export interface RunningSandbox {
  origin: string
  baseUrl: string
  /** The loopback port of the https listener (with `tls`); the production names are served there. */
  tlsPort?: number
  close(): Promise<void>
}

export {defaultSandboxDir} from './defaults.js'

export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const host = options.host ?? '127.0.0.1'
  const store = new Store(options.dataDir, options.credits ?? 1_000_000)

  // Explicit options win over what an earlier process persisted; they are written to the
  // shared state so that every process serving this dataDir agrees on them.
  const overrides: Record<string, unknown> = {}
  if (options.taskSeconds !== undefined) overrides.taskSeconds = options.taskSeconds
  if (options.slots !== undefined) overrides.slots = options.slots
  if (options.autoApprove !== undefined) overrides.autoApprove = options.autoApprove
  await store.update((state) => applyConfig(state, overrides)) // also creates state.json on first run
  if (options.faults !== undefined) await new Faults(options.dataDir).configure(options.faults)

  let origin = ''
  const wildcard = host === '0.0.0.0' || host === '::' || host === ''
  // Behind a wildcard bind, the Host header tells which address the client used.
  const plainOrigin = (req: http.IncomingMessage) =>
    wildcard && typeof req.headers.host === 'string' && /^[\w.:[\]-]+$/.test(req.headers.host)
      ? `http://${req.headers.host}`
      : origin

  const listen = async (server: http.Server, port: number, on: string) => {
    server.keepAliveTimeout = 2000
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, on, () => {
        server.off('error', reject)
        resolve()
      })
    })
    return (server.address() as AddressInfo).port
  }

  let plainPort = 0
  const plainHandler = createHandler(store, {
    origin: plainOrigin,
    webOrigin: plainOrigin,
    role: (req) => hostRole(req, plainPort, wildcard),
    secret: options.secret,
  })
  const server = http.createServer((req, res) => {
    options.onRequest?.()
    void plainHandler(req, res)
  })
  plainPort = await listen(server, options.port ?? 0, host)
  const urlHost = wildcard ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host
  origin = `http://${urlHost}:${plainPort}`

  // Over https, media is on the CDN name and the device page on the web app's, as the service has them.
  let tlsServer: https.Server | undefined
  let tlsPort: number | undefined
  if (options.tls) {
    const tlsHandler = createHandler(store, {
      origin: () => `https://${CDN_HOST}`,
      webOrigin: () => `https://${WEB_HOST}`,
      role: (req) => hostRole(req, tlsPort ?? 0, false),
    })
    tlsServer = https.createServer({cert: options.tls.cert, key: options.tls.key}, (req, res) => {
      options.onRequest?.()
      void tlsHandler(req, res)
    })
    tlsPort = await listen(tlsServer, options.tls.port ?? 0, '127.0.0.1')
  }

  const closeServer = (s: http.Server) =>
    new Promise<void>((resolve, reject) => {
      s.close((error) => (error ? reject(error) : resolve()))
      s.closeAllConnections()
    })

  return {
    origin,
    baseUrl: `${origin}/creative_platform`,
    ...(tlsPort === undefined ? {} : {tlsPort}),
    async close() {
      await Promise.all([closeServer(server), ...(tlsServer ? [closeServer(tlsServer)] : [])])
    },
  }
}
