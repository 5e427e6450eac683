import {Client} from '@modelcontextprotocol/sdk/client/index.js'
import {StdioClientTransport} from '@modelcontextprotocol/sdk/client/stdio.js'
import {expect} from 'chai'
import {type ChildProcess, spawn} from 'node:child_process'
import {mkdirSync, mkdtempSync, readFileSync, realpathSync, statSync, writeFileSync} from 'node:fs'
import {request} from 'node:http'
import {tmpdir} from 'node:os'
import {join, sep} from 'node:path'

import {BIN, LOOPBACK_GUARD, ROOT} from '../helpers/cli.js'
import {isolatedOclifDirs} from '../helpers/oclif-dirs.js'
import {useSandbox} from '../helpers/sandbox.js'

type ToolResult = {isError?: boolean; structuredContent?: Record<string, unknown>}

const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {protocolVersion: '2025-03-26', capabilities: {}, clientInfo: {name: 'probe', version: '1'}},
})
const CALL_SLOTS = JSON.stringify({
  jsonrpc: '2.0',
  id: 2,
  method: 'tools/call',
  params: {name: 'account_slots', arguments: {}},
})

/** One raw HTTP POST with exactly the headers given (fetch would not let a test forge Host). */
function post(port: number, headers: Record<string, string>, body: string): Promise<{status: number; body: string}> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/mcp',
        method: 'POST',
        headers: {'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers},
      },
      (res) => {
        let text = ''
        res.on('data', (chunk) => (text += chunk))
        res.on('end', () => resolve({status: res.statusCode ?? 0, body: text}))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

describe('security: mcp serve', function () {
  this.timeout(60_000)
  const ctx = useSandbox()
  let env: Record<string, string>

  before(function () {
    env = {
      PATH: process.env.PATH!,
      HOME: process.env.HOME!,
      PIXVERSE_HOME: ctx.cli.home,
      ...ctx.sandbox.clientEnv,
      ...isolatedOclifDirs(),
    }
  })

  describe('over HTTP', function () {
    let child: ChildProcess
    let port: number
    let token: string
    let stderr = ''

    before(async function () {
      child = spawn(process.execPath, ['--import', LOOPBACK_GUARD, BIN, 'mcp', 'serve', '--http', '--port', '0'], {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      port = await new Promise<number>((resolve, reject) => {
        child.stderr!.on('data', (chunk) => {
          stderr += chunk
          const match = /listening on http:\/\/127\.0\.0\.1:(\d+)\/mcp/.exec(stderr)
          if (match) resolve(Number(match[1]))
        })
        child.on('exit', (code) => reject(new Error(`mcp serve exited ${code}: ${stderr}`)))
      })
      token = readFileSync(join(ctx.cli.home, 'mcp-token'), 'utf8').trim()
    })

    after(async function () {
      if (child.exitCode !== null) return
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
    })

    it('generates a token, prints it once on stderr and keeps it in a 0600 file', function () {
      expect(token).to.match(/^[\w-]{40,}$/)
      expect(stderr.split(token).length - 1, stderr).to.equal(1)
      expect(statSync(join(ctx.cli.home, 'mcp-token')).mode & 0o777).to.equal(0o600)
    })

    const refused: Array<[string, (port: number, token: string) => Record<string, string>, number]> = [
      [
        'a foreign Host (DNS rebinding)',
        (p, t) => ({host: `attacker.example:${p}`, authorization: `Bearer ${t}`}),
        403,
      ],
      ['the right host on another port', (p, t) => ({host: `127.0.0.1:${p + 1}`, authorization: `Bearer ${t}`}), 403],
      [
        'a foreign Origin',
        (p, t) => ({host: `127.0.0.1:${p}`, origin: 'https://attacker.example', authorization: `Bearer ${t}`}),
        403,
      ],
      ['no token', (p) => ({host: `127.0.0.1:${p}`}), 401],
      ['a wrong token', (p, t) => ({host: `localhost:${p}`, authorization: `Bearer ${t}x`}), 401],
    ]
    for (const [what, headers, status] of refused) {
      it(`refuses ${what} and spends nothing`, async function () {
        await ctx.sandbox.clearRequests()
        for (const body of [INITIALIZE, CALL_SLOTS]) {
          const answer = await post(port, headers(port, token), body)
          expect(answer.status, answer.body).to.equal(status)
          expect(answer.body).not.to.include('video')
        }

        expect(await ctx.sandbox.requests(), 'no request reached the service').to.deep.equal([])
      })
    }

    it('serves a client with the token, the loopback Host and a loopback Origin', async function () {
      const answer = await post(
        port,
        {host: `localhost:${port}`, origin: 'http://localhost:6274', authorization: `Bearer ${token}`},
        INITIALIZE,
      )
      expect(answer.status, answer.body).to.equal(200)
      expect(answer.body).to.include('"serverInfo"')
    })
  })

  describe('local files in tool calls', function () {
    let client: Client
    let allowed: string
    let outside: string

    async function connect(flags: string[]): Promise<Client> {
      const transport = new StdioClientTransport({
        command: process.execPath,
        args: ['--import', LOOPBACK_GUARD, BIN, 'mcp', 'serve', ...flags],
        env,
        stderr: 'pipe',
      })
      const connected = new Client({name: 'security-test', version: '1.0.0'})
      await connected.connect(transport)
      return connected
    }

    before(async function () {
      allowed = mkdtempSync(join(tmpdir(), 'pixverse-mcp-allowed-'))
      outside = mkdtempSync(join(tmpdir(), 'pixverse-mcp-outside-'))
      writeFileSync(join(allowed, 'prompt.txt'), 'a prompt from the allowed folder\n')
      writeFileSync(join(outside, 'secret.txt'), 'not for the agent\n')
      client = await connect(['--allow-dir', allowed])
    })

    after(async function () {
      await client?.close()
    })

    const call = async (target: Client, name: string, args: Record<string, unknown>) =>
      (await target.callTool({name, arguments: args})) as ToolResult
    const sentPrompts = async () =>
      (await ctx.sandbox.requests()).flatMap((r) =>
        r.path.endsWith('video/t2v') ? [(r.body as {prompt?: string}).prompt] : [],
      )

    it('never reads a file the server was not given: the login, a dot-folder, outside --allow-dir', async function () {
      const dotFolder = join(allowed, '.hidden')
      mkdirSync(dotFolder, {recursive: true})
      writeFileSync(join(dotFolder, 'key.txt'), 'private\n')
      for (const path of [
        join(ctx.cli.home, 'internal.json'),
        join(outside, 'secret.txt'),
        join(dotFolder, 'key.txt'),
      ]) {
        await ctx.sandbox.clearRequests()
        const result = await call(client, 'create_video', {prompt: path, wait: false})
        expect(result.isError, `${path}: ${JSON.stringify(result)}`).to.equal(true)
        expect(result.structuredContent?.exit_code).to.equal(6)
        expect(await ctx.sandbox.requests(), path).to.deep.equal([])
      }
    })

    it('reads a text file inside --allow-dir', async function () {
      await ctx.sandbox.clearRequests()
      const result = await call(client, 'create_video', {prompt: join(allowed, 'prompt.txt'), wait: false})
      expect(result.isError, JSON.stringify(result)).to.not.equal(true)
      expect(await sentPrompts()).to.deep.equal(['a prompt from the allowed folder'])
    })

    it('without --allow-dir takes a path as text and uploads no local media', async function () {
      const bare = await connect([])
      try {
        await ctx.sandbox.clearRequests()
        const literal = await call(bare, 'create_video', {prompt: join(allowed, 'prompt.txt'), wait: false})
        expect(literal.isError, JSON.stringify(literal)).to.not.equal(true)
        expect(await sentPrompts()).to.deep.equal([join(allowed, 'prompt.txt')])
        await ctx.sandbox.clearRequests()
        const media = await call(bare, 'create_video', {
          prompt: 'x',
          image: join(ROOT, 'fixtures', 'media', 'sample.png'),
          wait: false,
        })
        expect(media.isError, JSON.stringify(media)).to.equal(true)
        expect(media.structuredContent?.exit_code).to.equal(6)
        expect(String(media.structuredContent?.error)).to.include('may not read local files')
        expect(await ctx.sandbox.requests()).to.deep.equal([])
      } finally {
        await bare.close()
      }
    })

    it('confines downloads to --output-dir, and writes nothing without it', async function () {
      const refusedDownload = await call(client, 'asset_download', {id: '390000000001'})
      expect(refusedDownload.isError, JSON.stringify(refusedDownload)).to.equal(true)
      expect(refusedDownload.structuredContent?.exit_code).to.equal(6)
      const out = mkdtempSync(join(tmpdir(), 'pixverse-mcp-out-'))
      const writer = await connect(['--output-dir', out])
      try {
        await ctx.sandbox.clearRequests()
        const escape = await call(writer, 'asset_download', {id: '390000000001', dest: outside})
        expect(escape.isError, JSON.stringify(escape)).to.equal(true)
        expect(escape.structuredContent?.exit_code).to.equal(6)
        const dotted = await call(writer, 'asset_download', {id: '390000000001', dest: '../x'})
        expect(dotted.structuredContent?.exit_code).to.equal(6)
        expect(await ctx.sandbox.requests()).to.deep.equal([])
        const created = await call(writer, 'create_video', {prompt: 'a lighthouse'})
        expect(created.isError, JSON.stringify(created)).to.not.equal(true)
        const saved = await call(writer, 'asset_download', {
          id: String(created.structuredContent?.video_id),
          dest: 'shots',
        })
        expect(saved.isError, JSON.stringify(saved)).to.not.equal(true)
        const file = realpathSync(String(saved.structuredContent?.file))
        expect(file.startsWith(join(realpathSync(out), 'shots') + sep), file).to.equal(true)
      } finally {
        await writer.close()
      }
    })
  })
})
