import {clock} from '../util/clock.js'
import {CliError, ExitCode, isCliError} from '../errors.js'
import type {ApiClient} from './client.js'
import {DEVICE_EXPIRED, DEVICE_PENDING, DEVICE_SLOW_DOWN} from './error-codes.js'
import {sleep} from './retry.js'

export interface DeviceCode {
  deviceCode: string
  userCode: string
  url: string
  expiresIn: number
  interval: number
}

export interface DeviceToken {
  accessToken: string
  expiresIn?: number
}

/** Step 1 of the OAuth device flow (docs/protocol.md §2.1): ask for a code the user approves in a browser. */
export async function requestDeviceCode(client: ApiClient): Promise<DeviceCode> {
  const resp = await client.post<Record<string, unknown>>('oauth/device/authorize', undefined, {
    anonymous: true,
    retry: 'once',
  })
  return {
    deviceCode: String(resp.device_code ?? ''),
    userCode: String(resp.user_code ?? ''),
    url: String(resp.verification_uri_complete ?? resp.verification_uri ?? ''),
    expiresIn: Number(resp.expires_in ?? 600),
    interval: Math.max(1, Number(resp.interval ?? 5)),
  }
}

/** Step 2: poll until approved; sleep first, slow down on 10054, keep going on 10055. */
export async function pollDeviceToken(client: ApiClient, code: DeviceCode, signal?: AbortSignal): Promise<DeviceToken> {
  const deadline = clock().now() + code.expiresIn * 1000
  let interval = code.interval
  while (clock().now() < deadline) {
    await sleep(interval * 1000, signal)
    try {
      const resp = await client.post<Record<string, unknown>>(
        'oauth/device/token',
        {device_code: code.deviceCode},
        {anonymous: true, retry: 'once'},
      )
      const accessToken = typeof resp?.access_token === 'string' ? resp.access_token : ''
      if (!accessToken) throw new CliError('Login response carried no access token', {exitCode: ExitCode.General})
      return {accessToken, expiresIn: typeof resp.expires_in === 'number' ? resp.expires_in : undefined}
    } catch (error) {
      if (isCliError(error) && error.code === DEVICE_PENDING) continue
      if (isCliError(error) && error.code === DEVICE_SLOW_DOWN) {
        interval += 5
        continue
      }

      throw error
    }
  }

  throw new CliError('Device authorization session expired', {
    exitCode: ExitCode.General,
    code: DEVICE_EXPIRED,
    hint: 'Run `pixverse auth login` again and approve the code in time.',
  })
}
