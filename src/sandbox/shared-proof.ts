import crypto from 'node:crypto'

/**
 * What a shared sandbox answers on `/healthz?nonce=…`: an HMAC of the caller's nonce and its own pid
 * under the secret its starter gave it. Only the process that was given the secret can compute it, and
 * the secret itself never goes over the wire, so a client can tell its own sandbox from whatever else
 * now listens on a recorded port.
 */
export function sharedSandboxProof(secret: string, nonce: string, pid: number): string {
  return crypto.createHmac('sha256', secret).update(`${nonce}:${pid}`).digest('hex')
}
