/** OAuth device flow (docs/protocol.md §2.1) and the Token / Access-Key check every other endpoint needs. */
import crypto from 'node:crypto'
import type {IncomingMessage} from 'node:http'
import {ApiError, ERR, type Ctx, type RouteTable, str} from '../http.js'
import type {State} from '../store.js'

export const DEVICE_EXPIRES_IN = 600
export const DEVICE_INTERVAL = 1
export const TOKEN_EXPIRES_IN = 2_592_000
/** Polls may come up to 20 % early (timer jitter) before they count as too fast. */
const SLOW_DOWN_SLACK = 0.8

const USER_CODE_LETTERS = 'BCDFGHJKLMNPQRSTVWXZ' // no vowels: no words by accident

function userCode(): string {
  const letters = Array.from(crypto.randomBytes(4), (b) => USER_CODE_LETTERS[b % USER_CODE_LETTERS.length]).join('')
  const digits = String(crypto.randomInt(0, 10_000)).padStart(4, '0')
  return `${letters}-${digits}`
}

function header(req: IncomingMessage, name: string): string {
  const v = req.headers[name]
  return (Array.isArray(v) ? v[0] : (v ?? '')).trim()
}

/** Throws the auth error the real service gives, or returns how the caller authenticated. */
export function authenticate(req: IncomingMessage, state: State, now: number): 'token' | 'access-key' {
  const token = header(req, 'token')
  if (token) {
    const record = state.tokens[token]
    if (!record) throw new ApiError(ERR.tokenInvalid, 'Token is invalid')
    if (record.expiresAt <= now) throw new ApiError(ERR.tokenExpired, 'Token has expired, please log in again')
    return 'token'
  }
  const accessKey = header(req, 'access-key')
  if (accessKey) {
    if (!state.accessKeys[accessKey]) throw new ApiError(ERR.tokenInvalid, 'Access key is invalid')
    return 'access-key'
  }
  throw new ApiError(ERR.tokenInvalid, 'Token is invalid: missing Token header')
}

export function issueToken(state: State, now: number): string {
  const token = crypto.randomBytes(32).toString('base64url')
  state.tokens[token] = {createdAt: now, expiresAt: now + TOKEN_EXPIRES_IN * 1000}
  return token
}

/** Approves a pending grant by its user code (the web page and autoApprove use this). */
export function approveUserCode(state: State, code: string, now: number): boolean {
  const wanted = code.trim().toUpperCase()
  for (const grant of Object.values(state.devices)) {
    if (grant.userCode === wanted && grant.expiresAt > now && !grant.consumed) {
      grant.approved = true
      return true
    }
  }
  return false
}

export function findGrantByUserCode(state: State, code: string, now: number) {
  const wanted = code.trim().toUpperCase()
  return Object.values(state.devices).find((g) => g.userCode === wanted && g.expiresAt > now && !g.consumed)
}

function pruneDevices(state: State, now: number): void {
  for (const [code, grant] of Object.entries(state.devices)) {
    if (grant.expiresAt + 3_600_000 < now) delete state.devices[code]
  }
}

export const authRoutes: RouteTable = {
  'oauth/device/authorize': {
    method: 'POST',
    auth: false,
    handler: (ctx: Ctx) =>
      ctx.store.update((state) => {
        pruneDevices(state, ctx.now)
        const deviceCode = crypto.randomBytes(24).toString('hex')
        const code = userCode()
        state.devices[deviceCode] = {
          userCode: code,
          createdAt: ctx.now,
          expiresAt: ctx.now + DEVICE_EXPIRES_IN * 1000,
          interval: DEVICE_INTERVAL,
          approved: state.settings.autoApprove,
          lastPollAt: null,
          consumed: false,
        }
        const verificationUri = `${ctx.webOrigin}/device`
        return {
          device_code: deviceCode,
          user_code: code,
          verification_uri: verificationUri,
          verification_uri_complete: `${verificationUri}?user_code=${encodeURIComponent(code)}`,
          expires_in: DEVICE_EXPIRES_IN,
          interval: DEVICE_INTERVAL,
        }
      }),
  },
  'oauth/device/token': {
    method: 'POST',
    auth: false,
    handler: (ctx: Ctx) => {
      const deviceCode = str(ctx.body, 'device_code', {required: true, nonEmpty: true})!
      // The poll time must be saved even when the answer is an error (pending / slow_down),
      // so the transaction returns the outcome and the error is thrown after the write.
      return ctx.store
        .update((state): ApiError | Record<string, unknown> => {
          const grant = state.devices[deviceCode]
          if (!grant || grant.consumed) return new ApiError(ERR.deviceCodeInvalid, 'Invalid device code')
          if (grant.expiresAt <= ctx.now) return new ApiError(ERR.deviceExpired, 'Device authorization session expired')
          const last = grant.lastPollAt
          grant.lastPollAt = ctx.now
          if (last !== null && ctx.now - last < grant.interval * 1000 * SLOW_DOWN_SLACK) {
            // The interval itself is not raised (RFC 8628 allows it): clients add 5 s on their
            // side, and keeping it at 1 s keeps device-flow tests fast.
            return new ApiError(ERR.slowDown, 'slow_down: polling too fast')
          }
          if (!grant.approved) return new ApiError(ERR.authorizationPending, 'authorization_pending')
          grant.consumed = true
          return {access_token: issueToken(state, ctx.now), token_type: 'Bearer', expires_in: TOKEN_EXPIRES_IN}
        })
        .then((outcome) => {
          if (outcome instanceof ApiError) throw outcome
          return outcome
        })
    },
  },
}
