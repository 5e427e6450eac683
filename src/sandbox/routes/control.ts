/**
 * The test control API under /_sandbox/ (not PixVerse; no auth). Plain JSON, no envelope.
 *   GET    /_sandbox/requests       every logged request (all processes sharing dataDir)
 *   DELETE /_sandbox/requests       clear that log
 *   GET    /_sandbox/state          credits, slots, task count, idempotency charges, charged submits
 *   POST   /_sandbox/config         {credits?, slots?, taskSeconds?, autoApprove?}
 *   POST   /_sandbox/expire-tokens  expire every issued token (next use → 10005)
 *   POST   /_sandbox/access-keys    mint a valid Access-Key
 *   POST   /_sandbox/approve        {user_code} approve a device grant (same as the web page)
 *   POST   /_sandbox/workspace-membership {workspace_id, member} remove the user from a team workspace
 *                                   (member: false; its requests then answer 500401) or add them back
 *   GET    /_sandbox/faults         fault rules, seed and faults injected per kind (see faults.ts)
 *   POST   /_sandbox/faults         {rules: [{endpoint, kind, probability?, count?}], seed?}
 *   DELETE /_sandbox/faults         stop injecting (counters kept)
 *   GET    /_sandbox/secrets        every token and access key ever issued (for leak checks in tests)
 */
import crypto from 'node:crypto'
import type {IncomingMessage, ServerResponse} from 'node:http'
import {BadFaultRequest, Faults} from '../faults.js'
import {parseJsonBody, readBody, sendJson} from '../http.js'
import {clearRequests, readRequests} from '../request-log.js'
import type {Kind, State, Store} from '../store.js'
import {settleRefunds, slotsUsed} from '../tasks.js'
import {WORKSPACES} from '../workspaces.js'
import {approveUserCode} from './auth.js'

const KINDS: Kind[] = ['video', 'image', 'audio']

export function stateSummary(state: State, now: number) {
  const charges: Record<string, number> = {}
  for (const [key, entry] of Object.entries(state.idempotency)) charges[key] = entry.charges
  const c = state.credits
  return {
    credits: {...c, total: c.credit_daily + c.credit_monthly + c.credit_package},
    slots: Object.fromEntries(KINDS.map((k) => [k, {limit: state.settings.slots[k], used: slotsUsed(state, k, now)}])),
    tasks: Object.keys(state.tasks).length,
    charges,
    charged_submits: state.chargedSubmits,
    settings: state.settings,
    active_workspace_id: state.account.activeWorkspaceId,
  }
}

class BadRequest extends Error {}

function nonNegative(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    throw new BadRequest(`${what} must be a non-negative number`)
  return value
}

/** Applies a config body to the state; shared by POST /_sandbox/config and startSandbox options. */
export function applyConfig(state: State, body: Record<string, unknown>): void {
  if (body.credits !== undefined) {
    const credits = body.credits
    if (typeof credits === 'number') {
      state.credits = {credit_daily: 0, credit_monthly: nonNegative(credits, 'credits'), credit_package: 0}
    } else if (credits && typeof credits === 'object') {
      const c = credits as Record<string, unknown>
      for (const [field, alias] of [
        ['credit_daily', 'daily'],
        ['credit_monthly', 'monthly'],
        ['credit_package', 'package'],
      ] as const) {
        const v = c[field] ?? c[alias]
        if (v !== undefined) state.credits[field] = nonNegative(v, `credits.${field}`)
      }
    } else {
      throw new BadRequest('credits must be a number or {credit_daily, credit_monthly, credit_package}')
    }
  }
  if (body.slots !== undefined) {
    if (typeof body.slots === 'number') {
      for (const k of KINDS) state.settings.slots[k] = Math.floor(nonNegative(body.slots, 'slots'))
    } else if (body.slots && typeof body.slots === 'object') {
      for (const k of KINDS) {
        const v = (body.slots as Record<string, unknown>)[k]
        if (v !== undefined) state.settings.slots[k] = Math.floor(nonNegative(v, `slots.${k}`))
      }
    } else {
      throw new BadRequest('slots must be a number or {video, image, audio}')
    }
  }
  if (body.taskSeconds !== undefined) state.settings.taskSeconds = nonNegative(body.taskSeconds, 'taskSeconds')
  if (body.autoApprove !== undefined) {
    if (typeof body.autoApprove !== 'boolean') throw new BadRequest('autoApprove must be a boolean')
    state.settings.autoApprove = body.autoApprove
  }
}

export async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  store: Store,
  route: string,
): Promise<void> {
  const now = Date.now()
  const key = `${req.method} ${route}`
  try {
    const body = req.method === 'POST' ? parseJsonBody(await readBody(req)) : {}
    switch (key) {
      case 'GET requests':
        return sendJson(res, 200, readRequests(store.requestLog))
      case 'DELETE requests':
        clearRequests(store.requestLog)
        return sendJson(res, 200, {cleared: true})
      case 'GET state': {
        const summary = await store.update((s) => stateSummary(settleRefunds(s, now), now))
        const faults = new Faults(store.dataDir).summary()
        return sendJson(res, 200, {
          ...summary,
          faults_injected: faults.injected,
          faults_injected_total: faults.injected_total,
          fault_requests_seen: faults.requests_seen,
        })
      }
      case 'GET faults':
        return sendJson(res, 200, new Faults(store.dataDir).summary())
      case 'POST faults':
        return sendJson(res, 200, await new Faults(store.dataDir).configure(body))
      case 'DELETE faults':
        return sendJson(res, 200, await new Faults(store.dataDir).clear())
      case 'GET secrets':
        return sendJson(
          res,
          200,
          await store.read((s) => ({tokens: Object.keys(s.tokens), access_keys: Object.keys(s.accessKeys)})),
        )
      case 'POST config':
        return sendJson(
          res,
          200,
          await store.update((s) => {
            applyConfig(s, body)
            return stateSummary(s, now)
          }),
        )
      case 'POST expire-tokens':
        return sendJson(
          res,
          200,
          await store.update((s) => {
            for (const t of Object.values(s.tokens)) t.expiresAt = Math.min(t.expiresAt, now - 1)
            return {expired: Object.keys(s.tokens).length}
          }),
        )
      case 'POST access-keys':
        return sendJson(
          res,
          200,
          await store.update((s) => {
            const accessKey = `ak-${crypto.randomBytes(24).toString('base64url')}`
            s.accessKeys[accessKey] = {createdAt: now}
            return {access_key: accessKey}
          }),
        )
      case 'POST approve': {
        const code = typeof body.user_code === 'string' ? body.user_code : ''
        const ok = await store.update((s) => approveUserCode(s, code, now))
        return sendJson(res, ok ? 200 : 404, ok ? {approved: true} : {error: 'unknown or expired user_code'})
      }
      case 'POST workspace-membership':
        return sendJson(res, 200, await store.update((s) => setMembership(s, body)))
      default:
        return sendJson(res, 404, {error: `no control endpoint ${key}`})
    }
  } catch (error) {
    if (error instanceof BadRequest || error instanceof BadFaultRequest || error instanceof SyntaxError)
      return sendJson(res, 400, {error: error.message})
    const message = error instanceof Error ? error.message : String(error)
    return sendJson(res, 400, {error: message})
  }
}

/** Removes the user from (or adds them back to) a seeded team workspace; losing the active one resets it. */
function setMembership(state: State, body: Record<string, unknown>) {
  const id = body.workspace_id
  if (typeof id !== 'number' || !WORKSPACES.some((w) => w.workspace_id === id))
    throw new BadRequest('workspace_id must be a seeded team workspace id')
  if (typeof body.member !== 'boolean') throw new BadRequest('member must be a boolean')
  const left = new Set(state.account.leftWorkspaces ?? [])
  if (body.member) left.delete(id)
  else left.add(id)
  state.account.leftWorkspaces = [...left]
  if (!body.member && state.account.activeWorkspaceId === id) state.account.activeWorkspaceId = 0
  return {workspace_id: id, member: body.member, left_workspaces: state.account.leftWorkspaces}
}
