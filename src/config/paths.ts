import {homedir} from 'node:os'
import {join} from 'node:path'

/** `~/.pixverse`, the reference client's folder, so its users stay logged in; PIXVERSE_HOME relocates it. */
export function pixverseHome(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.PIXVERSE_HOME?.trim()
  return override ? override : join(homedir(), '.pixverse')
}

export interface StorePaths {
  dir: string
  internal: string
  config: string
}

/**
 * Where credentials and settings live. In sandbox mode the session is kept apart (in the sandbox
 * folder) so rehearsing never replaces the real login.
 */
export function storePaths(options: {sandbox?: boolean} = {}, env: NodeJS.ProcessEnv = process.env): StorePaths {
  const home = pixverseHome(env)
  const credentialsDir = options.sandbox ? join(home, 'sandbox') : home
  return {
    dir: home,
    internal: join(credentialsDir, 'internal.json'),
    config: join(home, 'config.json'),
  }
}
