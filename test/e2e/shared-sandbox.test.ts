import {expect} from 'chai'
import {spawn, spawnSync} from 'node:child_process'
import {mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync} from 'node:fs'
import http from 'node:http'
import type {AddressInfo} from 'node:net'
import {join} from 'node:path'

import {BIN, LOOPBACK_GUARD, ROOT, runCli, tempHome} from '../helpers/cli.js'
import {useSharedSandboxCleanup} from '../helpers/shared-sandbox.js'
import {sharedSandboxProof} from '../../src/sandbox/shared-proof.js'

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Fetches a URL from a separate node process: the first CLI is gone, the URL must still answer. */
function fetchInOtherProcess(url: string): {status: number; head: string} {
  const script = `const r = await fetch(${JSON.stringify(url)}); const b = Buffer.from(await r.arrayBuffer());
process.stdout.write(JSON.stringify({status: r.status, head: b.subarray(4, 8).toString('ascii')}))`
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {encoding: 'utf8'})
  return JSON.parse(child.stdout) as {status: number; head: string}
}

describe('--sandbox shares one background sandbox per PIXVERSE_HOME', function () {
  this.timeout(120_000)
  const track = useSharedSandboxCleanup()
  const cliIn =
    (home: string, extra: Record<string, string> = {}) =>
    (args: string[]) =>
      runCli(args, {env: {PIXVERSE_HOME: home, PIXVERSE_SANDBOX_TASK_SECONDS: '1', ...extra}})

  it('the media URL a command printed still downloads from another process after it exited', async function () {
    const cli = cliIn(track(tempHome()))
    const created = await cli(['create', 'video', '--sandbox', '--prompt', 'a lasting url', '--json'])
    expect(created.exitCode, created.stderr).to.equal(0)
    const {video_url: url} = created.json<{video_url: string}>()
    expect(fetchInOtherProcess(url)).to.deep.equal({status: 200, head: 'ftyp'})
  })

  it('a later command reuses it (same address), and `sandbox status` / `sandbox stop` see it', async function () {
    const home = track(tempHome())
    const cli = cliIn(home)
    const first = await cli(['create', 'image', '--sandbox', '--prompt', 'first', '--json'])
    expect(first.exitCode, first.stderr).to.equal(0)
    const second = await cli(['create', 'image', '--sandbox', '--prompt', 'second', '--json'])
    expect(second.exitCode, second.stderr).to.equal(0)
    const origin = (result: typeof first) => new URL(result.json<{image_url: string}>().image_url).origin
    expect(origin(second)).to.equal(origin(first))

    const record = join(home, 'sandbox', 'shared.json')
    expect((statSync(record).mode & 0o777).toString(8)).to.equal('600')
    const status = (await cli(['sandbox', 'status', '--json'])).json<{running: boolean; url: string; pid: number}>()
    expect(status.running).to.equal(true)
    expect(new URL(status.url).origin).to.equal(origin(first))
    expect(isAlive(status.pid)).to.equal(true)
    const text = (await cli(['sandbox', 'status'])).stdout
    expect(text).to.equal(
      `Sandbox running at ${status.url}\n  pid ${status.pid}, started just now, stops after 900 s without a request\n` +
        'Stop it: pixverse sandbox stop\n',
    )

    const stopped = await cli(['sandbox', 'stop'])
    expect(stopped.exitCode, stopped.stderr).to.equal(0)
    expect(stopped.stdout).to.equal(`Stopped the sandbox (pid ${status.pid}).\n`)
    expect(isAlive(status.pid)).to.equal(false)
    expect((await cli(['sandbox', 'status', '--json'])).json()).to.include({running: false})
    expect((await cli(['sandbox', 'stop', '--json'])).json()).to.deep.equal({stopped: false})
  })

  it('two commands started at once end up with one sandbox', async function () {
    const cli = cliIn(track(tempHome()))
    const runs = await Promise.all(
      ['one', 'two', 'three'].map((prompt) => cli(['create', 'image', '--sandbox', '--prompt', prompt, '--json'])),
    )
    for (const run of runs) expect(run.exitCode, run.stderr).to.equal(0)
    const origins = new Set(runs.map((run) => new URL(run.json<{image_url: string}>().image_url).origin))
    expect([...origins]).to.have.length(1)
  })

  it('a record whose port another server now holds is replaced, and that server never sees the secret', async function () {
    const home = track(tempHome())
    const cli = cliIn(home)
    expect((await cli(['auth', 'login', '--sandbox', '--json'])).exitCode).to.equal(0)
    const record = join(home, 'sandbox', 'shared.json')
    const real = JSON.parse(readFileSync(record, 'utf8')) as {pid: number; port: number; secret: string}
    expect((await cli(['sandbox', 'stop'])).exitCode).to.equal(0)

    // An impostor on a port, claiming a live pid (ours) and the service name, but without the secret.
    const seen: string[] = []
    const impostor = http.createServer((req, res) => {
      seen.push(`${req.url} ${JSON.stringify(req.headers)}`)
      res.end(JSON.stringify({ok: true, service: 'pixverse-sandbox', pid: process.pid, proof: 'guess'}))
    })
    await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', resolve))
    const port = (impostor.address() as AddressInfo).port
    writeFileSync(record, JSON.stringify({...real, pid: process.pid, port}), {mode: 0o600})
    try {
      const created = await cli(['create', 'image', '--sandbox', '--prompt', 'after the impostor', '--json'])
      expect(created.exitCode, created.stderr).to.equal(0)
      expect(new URL(created.json<{image_url: string}>().image_url).port).to.not.equal(String(port))
      expect(seen).to.have.length.above(0) // it was asked …
      for (const request of seen) expect(request).to.not.include(real.secret) // … and learned nothing
      const now = JSON.parse(readFileSync(record, 'utf8')) as {pid: number; port: number}
      expect(now.port).to.not.equal(port)
      expect(now.pid).to.not.equal(process.pid)
    } finally {
      impostor.close()
    }
  })

  it('a sandbox slow to answer (a busy machine) is waited for, not replaced', async function () {
    const home = track(tempHome())
    const secret = 'a-test-secret'
    // Stands in for a live sandbox that answers its health check late but correctly.
    const slow = http.createServer((req, res) => {
      const nonce = new URL(req.url ?? '/', 'http://x').searchParams.get('nonce') ?? ''
      const proof = sharedSandboxProof(secret, nonce, process.pid)
      setTimeout(() => res.end(JSON.stringify({service: 'pixverse-sandbox', pid: process.pid, proof})), 3000)
    })
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve))
    const port = (slow.address() as AddressInfo).port
    mkdirSync(join(home, 'sandbox'), {recursive: true})
    writeFileSync(join(home, 'sandbox', 'shared.json'), JSON.stringify({pid: process.pid, port, secret}), {mode: 0o600})
    try {
      const status = await cliIn(home)(['sandbox', 'status', '--json'])
      expect(status.json()).to.include({running: true, url: `http://127.0.0.1:${port}/creative_platform`})
    } finally {
      rmSync(join(home, 'sandbox', 'shared.json'), {force: true}) // nothing for the cleanup to signal
      slow.closeAllConnections()
      slow.close()
    }
  })

  it('a sandbox killed without a chance to clean up is replaced by the next command', async function () {
    const home = track(tempHome())
    const cli = cliIn(home)
    expect((await cli(['auth', 'login', '--sandbox', '--json'])).exitCode).to.equal(0)
    const record = join(home, 'sandbox', 'shared.json')
    const killed = JSON.parse(readFileSync(record, 'utf8')) as {pid: number}
    process.kill(killed.pid, 'SIGKILL')
    for (let waited = 0; waited < 5000 && isAlive(killed.pid); waited += 50) await sleep(50)
    const status = await cli(['auth', 'status', '--sandbox', '--json'])
    expect(status.exitCode, status.stderr).to.equal(0)
    expect(status.json()).to.include({authenticated: true})
    const now = JSON.parse(readFileSync(record, 'utf8')) as {pid: number}
    expect(now.pid).to.not.equal(killed.pid)
    expect(isAlive(now.pid)).to.equal(true)
  })

  it('never writes its log through a symlink planted in the sandbox folder', async function () {
    const home = track(tempHome())
    const target = join(tempHome(), 'not-ours.txt')
    writeFileSync(target, 'untouched\n')
    mkdirSync(join(home, 'sandbox'), {recursive: true})
    symlinkSync(target, join(home, 'sandbox', 'shared.log'))
    // NODE_DEBUG makes the sandbox write to its stderr, the log, at once.
    const result = await cliIn(home, {NODE_DEBUG: 'http'})(['auth', 'login', '--sandbox', '--json'])
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(readFileSync(target, 'utf8')).to.equal('untouched\n')
  })

  it('stops itself after PIXVERSE_SANDBOX_IDLE_SECONDS without a request', async function () {
    const home = track(tempHome())
    const cli = cliIn(home, {PIXVERSE_SANDBOX_IDLE_SECONDS: '1'})
    expect((await cli(['auth', 'status', '--sandbox', '--json'])).exitCode).to.equal(0)
    const {pid} = JSON.parse(readFileSync(join(home, 'sandbox', 'shared.json'), 'utf8')) as {pid: number}
    for (let waited = 0; waited < 15_000 && isAlive(pid); waited += 100) await sleep(100)
    expect(isAlive(pid)).to.equal(false)
    expect((await cli(['sandbox', 'status', '--json'])).json()).to.include({running: false})
  })

  it('a long-lived command (mcp serve --sandbox) keeps it past its idle time; it stops once that ends', async function () {
    const home = track(tempHome())
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PIXVERSE_HOME: home,
      PIXVERSE_SANDBOX_IDLE_SECONDS: '1',
    }
    const server = spawn(process.execPath, ['--import', LOOPBACK_GUARD, BIN, 'mcp', 'serve', '--sandbox'], {
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    try {
      await new Promise<void>((resolve, reject) => {
        let text = ''
        server.stderr.on('data', (chunk) => {
          text += chunk
          if (text.includes('MCP server ready')) resolve()
        })
        server.on('exit', (code) => reject(new Error(`mcp serve exited ${code}: ${text}`)))
      })
      const {pid} = JSON.parse(readFileSync(join(home, 'sandbox', 'shared.json'), 'utf8')) as {pid: number}
      await sleep(3500) // three idle times without a tool call
      expect(isAlive(pid), 'the sandbox outlives its idle time while the server runs').to.equal(true)
      const exited = new Promise((resolve) => server.once('exit', resolve))
      server.kill('SIGTERM')
      await exited
      for (let waited = 0; waited < 15_000 && isAlive(pid); waited += 100) await sleep(100)
      expect(isAlive(pid), 'and stops by itself once nothing uses it').to.equal(false)
    } finally {
      server.kill('SIGKILL')
    }
  })

  it('`npm run demo` on a fresh home works and leaves no sandbox running', async function () {
    const home = track(tempHome())
    const demo = spawnSync(process.execPath, ['--import', LOOPBACK_GUARD, join(ROOT, 'scripts', 'demo.js')], {
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PIXVERSE_HOME: home,
        PIXVERSE_DEMO_SANDBOX: '1',
        PIXVERSE_DEMO_DEST: join(home, 'out'),
        PIXVERSE_SANDBOX_TASK_SECONDS: '1',
      },
      timeout: 90_000,
    })
    expect(demo.status, demo.stderr).to.equal(0)
    expect(demo.stdout).to.match(/^Downloaded .*\.mp4\n$/)
    expect((await cliIn(home)(['sandbox', 'status', '--json'])).json()).to.include({running: false})
  })
})
