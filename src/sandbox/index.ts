/**
 * A local, wire-faithful PixVerse backend (api.md) for tests, demos and offline use.
 * Point any client at it with PIXVERSE_API_BASE=<baseUrl>. State lives in dataDir and is
 * shared by every process that serves the same folder.
 */
import http from 'node:http'
import type {AddressInfo} from 'node:net'
import {Faults} from './faults.js'
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
}

export interface RunningSandbox {
  origin: string
  baseUrl: string
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
  const getOrigin = (req: http.IncomingMessage) =>
    wildcard && typeof req.headers.host === 'string' && /^[\w.:[\]-]+$/.test(req.headers.host) ? `http://${req.headers.host}` : origin

  const handler = createHandler(store, getOrigin)
  const server = http.createServer((req, res) => {
    void handler(req, res)
  })
  server.keepAliveTimeout = 2000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const {port} = server.address() as AddressInfo
  const urlHost = wildcard ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host
  origin = `http://${urlHost}:${port}`

  return {
    origin,
    baseUrl: `${origin}/creative_platform`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}
