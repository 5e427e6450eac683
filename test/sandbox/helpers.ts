/** Shared setup for sandbox tests: a server on a temp dataDir and small HTTP helpers. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {startSandbox, type RunningSandbox, type SandboxOptions} from '../../src/sandbox/index.js'

export interface Envelope<T = any> {
  ErrCode: number
  ErrMsg: string
  Resp: T
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'pixverse-sandbox-test-'))
}

export class Client {
  token?: string
  accessKey?: string
  workspaceId?: string

  constructor(readonly sb: RunningSandbox) {}

  headers(extra: Record<string, string> = {}): Record<string, string> {
    return {
      ...(this.token ? {Token: this.token} : {}),
      ...(this.accessKey ? {'Access-Key': this.accessKey} : {}),
      ...(this.workspaceId ? {'Workspace-Id': this.workspaceId} : {}),
      ...extra,
    }
  }

  async post<T = any>(route: string, body?: unknown, extra: Record<string, string> = {}): Promise<Envelope<T>> {
    const res = await fetch(`${this.sb.baseUrl}/${route}`, {
      method: 'POST',
      headers: this.headers(body === undefined ? extra : {'content-type': 'application/json', ...extra}),
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    if (res.status !== 200) throw new Error(`HTTP ${res.status} for ${route}`)
    return (await res.json()) as Envelope<T>
  }

  async get<T = any>(route: string, query: Record<string, string | number> = {}): Promise<Envelope<T>> {
    const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString()
    const res = await fetch(`${this.sb.baseUrl}/${route}${qs ? `?${qs}` : ''}`, {headers: this.headers()})
    if (res.status !== 200) throw new Error(`HTTP ${res.status} for ${route}`)
    return (await res.json()) as Envelope<T>
  }

  async control<T = any>(method: string, route: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.sb.origin}/_sandbox/${route}`, {
      method,
      headers: body === undefined ? {} : {'content-type': 'application/json'},
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return (await res.json()) as T
  }

  /** Logs in through the device flow with auto-approve (fast path for tests not about auth). */
  async login(): Promise<string> {
    await this.control('POST', 'config', {autoApprove: true})
    const auth = await this.post('oauth/device/authorize')
    const tok = await this.post('oauth/device/token', {device_code: auth.Resp.device_code})
    if (tok.ErrCode !== 0) throw new Error(`login failed: ${tok.ErrCode} ${tok.ErrMsg}`)
    this.token = tok.Resp.access_token
    return this.token!
  }
}

export async function withSandbox(
  options: Partial<SandboxOptions> = {},
): Promise<{sb: RunningSandbox; client: Client; dataDir: string}> {
  const dataDir = options.dataDir ?? tempDir()
  const sb = await startSandbox({taskSeconds: 1, ...options, dataDir})
  return {sb, client: new Client(sb), dataDir}
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
