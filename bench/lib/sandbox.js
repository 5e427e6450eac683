import {spawn, spawnSync} from 'node:child_process'
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

export const BIN = new URL('../../bin/run.js', import.meta.url).pathname

/** Starts `pixverse sandbox serve` on a free port and logs a fresh home into it. */
export async function startSandbox(flags = []) {
  const dataDir = mkdtempSync(join(tmpdir(), 'pixverse-bench-sandbox-'))
  const home = mkdtempSync(join(tmpdir(), 'pixverse-bench-home-'))
  const child = spawn(
    process.execPath,
    [
      BIN,
      'sandbox',
      'serve',
      '--port',
      '0',
      '--json',
      '--data-dir',
      dataDir,
      '--auto-approve',
      '--slots',
      '64',
      ...flags,
    ],
    {
      stdio: ['ignore', 'pipe', 'ignore'],
      env: {...process.env, PIXVERSE_HOME: home},
    },
  )
  const {url, origin} = await new Promise((resolve, reject) => {
    let buffer = ''
    child.stdout.on('data', (c) => {
      buffer += c
      try {
        resolve(JSON.parse(buffer))
      } catch {
        // the document is not complete yet
      }
    })
    child.on('exit', () => reject(new Error('sandbox exited')))
  })
  const env = {PIXVERSE_HOME: home, PIXVERSE_API_BASE: url, PIXVERSE_UPLOAD_BASE: origin, CI: '1'}
  const login = spawnSync(process.execPath, [BIN, 'auth', 'login', '--json'], {
    env: {...process.env, ...env},
    encoding: 'utf8',
  })
  if (login.status !== 0) {
    child.kill('SIGTERM')
    throw new Error(`bench login failed: ${login.stderr}`)
  }
  const control = async (path, init) => {
    const response = await fetch(`${origin}/_sandbox/${path}`, init)
    return response.json()
  }

  return {
    url,
    origin,
    env,
    control,
    configure: (body) =>
      control('config', {method: 'POST', body: JSON.stringify(body), headers: {'content-type': 'application/json'}}),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve)
        child.kill('SIGTERM')
      }),
  }
}
