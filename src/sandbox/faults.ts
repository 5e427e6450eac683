/**
 * Fault switches: make the sandbox misbehave on purpose, per endpoint, by probability or by count,
 * with a seed so a run repeats. The rules and the counters live in dataDir/faults.json (changed
 * under their own lock), so every process serving the same folder injects from one budget.
 *
 *   POST   /_sandbox/faults {rules: [{endpoint, kind, probability?, count?, ...}], seed?}
 *   GET    /_sandbox/faults  rules, seed, and how many faults of each kind were injected
 *   DELETE /_sandbox/faults  no more faults (the counters are kept for the summary)
 *
 * `endpoint` is an API route ("video/list/detail"), "media" (downloads), "oss" (uploads) or "*".
 */
import fs from 'node:fs'
import path from 'node:path'
import {withLock, writeFileAtomic} from './lock.js'

export const FAULT_KINDS = [
  'http-500', // HTTP 500, plain JSON body (no envelope)
  'http-502',
  'http-503',
  'http-500-envelope', // HTTP 500 whose body is a PixVerse envelope
  'http-503-envelope',
  'http-429', // Too Many Requests with Retry-After (rule.retryAfter seconds, default 1)
  'reset-before-body', // the socket is destroyed before the request body is read: nothing happened
  'reset-after-body', // the request is fully handled (a create is charged!), then the socket is destroyed
  'slow', // the request waits rule.delayMs (default 3000) before it is handled
  'malformed-json', // HTTP 200 with a body that is not JSON
  'truncate', // media only: the body stops half-way and the connection closes
  'expire-token', // every issued token expires now, then the request is handled (→ 10005)
  'concurrency-limit', // the envelope error 500044
  'service-error', // HTTP 200 with the envelope error ErrCode 500 (a plain, final API failure)
  'hostile-name', // asset/download answers download_name "../../evil.mp3"
] as const

export type FaultKind = (typeof FAULT_KINDS)[number]

export interface FaultRule {
  endpoint: string
  kind: FaultKind
  /** chance per matching request, 0..1 (default 1) */
  probability?: number
  /** at most this many injections from this rule (counted across processes) */
  count?: number
  retryAfter?: number
  delayMs?: number
}

interface FaultFile {
  rules: Array<FaultRule & {used: number}>
  seed: number
  /** draws taken from the seeded sequence so far */
  draws: number
  injected: Record<string, number>
  /** requests looked at while rules were set (so a run can state its fault rate) */
  seen?: number
}

/** Where a request goes, as far as fault rules can tell. */
export type FaultTarget = {area: 'api'; route: string} | {area: 'media'} | {area: 'oss'}

const MEDIA_ONLY = new Set<FaultKind>(['truncate'])
const API_ONLY = new Set<FaultKind>([
  'reset-after-body',
  'malformed-json',
  'expire-token',
  'concurrency-limit',
  'service-error',
  'hostile-name',
  'http-500-envelope',
  'http-503-envelope',
])

export class BadFaultRequest extends Error {}

export class Faults {
  private readonly file: string
  private readonly lockFile: string

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'faults.json')
    this.lockFile = path.join(dataDir, 'faults.lock')
  }

  private load(): FaultFile {
    try {
      return JSON.parse(fs.readFileSync(this.file, 'utf8')) as FaultFile
    } catch {
      return {rules: [], seed: 1, draws: 0, injected: {}}
    }
  }

  /** Replaces the rules (and the seed); the injection counters go on. */
  configure(body: unknown): Promise<ReturnType<Faults['summaryOf']>> {
    const {rules, seed} = parseFaultConfig(body)
    return withLock(this.lockFile, () => {
      const current = this.load()
      const next: FaultFile = {
        rules: rules.map((r) => ({...r, used: 0})),
        seed,
        draws: 0,
        injected: current.injected,
        seen: current.seen,
      }
      writeFileAtomic(this.file, JSON.stringify(next))
      return this.summaryOf(next)
    })
  }

  clear(): Promise<ReturnType<Faults['summaryOf']>> {
    return withLock(this.lockFile, () => {
      const current = this.load()
      const next = {...current, rules: []}
      writeFileAtomic(this.file, JSON.stringify(next))
      return this.summaryOf(next)
    })
  }

  summary(): ReturnType<Faults['summaryOf']> {
    return this.summaryOf(this.load())
  }

  private summaryOf(file: FaultFile) {
    const total = Object.values(file.injected).reduce((a, b) => a + b, 0)
    return {
      rules: file.rules,
      seed: file.seed,
      injected: file.injected,
      injected_total: total,
      requests_seen: file.seen ?? 0,
    }
  }

  /** The fault to inject into this request, if any (decided and counted under the lock). */
  async pick(target: FaultTarget): Promise<FaultRule | undefined> {
    // Cheap path: no file or no rules means no lock at all.
    if (!fs.existsSync(this.file)) return undefined
    if (this.load().rules.length === 0) return undefined
    return withLock(this.lockFile, () => {
      const file = this.load()
      file.seen = (file.seen ?? 0) + 1
      let chosen: FaultRule | undefined
      for (const rule of file.rules) {
        if (!applies(rule, target)) continue
        if (rule.count !== undefined && rule.used >= rule.count) continue
        const p = rule.probability ?? 1
        const roll = p >= 1 ? 0 : random(file.seed, file.draws++)
        if (roll >= p) continue
        rule.used++
        file.injected[rule.kind] = (file.injected[rule.kind] ?? 0) + 1
        chosen = rule
        break
      }
      writeFileAtomic(this.file, JSON.stringify(file))
      return chosen
    })
  }
}

function applies(rule: FaultRule, target: FaultTarget): boolean {
  if (target.area === 'api') {
    if (MEDIA_ONLY.has(rule.kind)) return false
    if (rule.kind === 'hostile-name' && target.route !== 'asset/download') return false
    return rule.endpoint === '*' || rule.endpoint === target.route
  }
  if (API_ONLY.has(rule.kind)) return false
  return rule.endpoint === '*' || rule.endpoint === target.area
}

/** mulberry32 over (seed, n): the n-th number of the seeded sequence, in [0, 1). */
function random(seed: number, n: number): number {
  let t = (seed + Math.imul(n + 1, 0x6d2b79f5)) | 0
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
}

/** Accepts {rules, seed} or a bare array of rules; throws BadFaultRequest naming the bad field. */
export function parseFaultConfig(body: unknown): {rules: FaultRule[]; seed: number} {
  const object = Array.isArray(body) ? {rules: body} : (body as Record<string, unknown> | null)
  if (!object || typeof object !== 'object') throw new BadFaultRequest('faults must be {rules: [...], seed?}')
  const seed = object.seed === undefined ? 1 : Number(object.seed)
  if (!Number.isInteger(seed)) throw new BadFaultRequest('seed must be an integer')
  if (!Array.isArray(object.rules)) throw new BadFaultRequest('rules must be an array')
  const rules = object.rules.map((raw, i): FaultRule => {
    const r = raw as Record<string, unknown>
    const where = `rules[${i}]`
    if (typeof r?.endpoint !== 'string' || r.endpoint === '')
      throw new BadFaultRequest(`${where}.endpoint must be a route, "media", "oss" or "*"`)
    if (!FAULT_KINDS.includes(r.kind as FaultKind))
      throw new BadFaultRequest(`${where}.kind must be one of ${FAULT_KINDS.join(', ')}`)
    const num = (field: string, min: number, max = Infinity) => {
      if (r[field] === undefined) return undefined
      const v = r[field]
      if (typeof v !== 'number' || !(v >= min && v <= max))
        throw new BadFaultRequest(`${where}.${field} must be a number in ${min}..${max}`)
      return v
    }
    return {
      endpoint: r.endpoint.replace(/^\/+|\/+$/g, ''),
      kind: r.kind as FaultKind,
      probability: num('probability', 0, 1),
      count: num('count', 0),
      retryAfter: num('retryAfter', 0, 30),
      delayMs: num('delayMs', 0, 60_000),
    }
  })
  return {rules, seed}
}

/** `sandbox serve --faults`: inline JSON, or @file / a path to a JSON file. */
export function readFaultOption(value: string): unknown {
  const trimmed = value.trim()
  const text =
    trimmed.startsWith('{') || trimmed.startsWith('[') ? trimmed : fs.readFileSync(trimmed.replace(/^@/, ''), 'utf8')
  return JSON.parse(text) as unknown
}
