import {expect} from 'chai'
import {readFileSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {cliFor, login, useSandbox} from '../helpers/sandbox.js'
import {useTestClock} from '../helpers/test-clock.js'

describe('trust: private session files, corrupt files, remote media', function () {
  this.timeout(60_000)
  // Only the sandbox is shared: each test binds its own CLI, with a fresh home.
  const ctx = useSandbox({login: false, inProcess: true})
  useTestClock({realMsPerSecond: 50}) // in-process: the subject is the commands, not the process

  it('writes the token file 0600 in a 0700 folder', async function () {
    const cli = cliFor(ctx.sandbox)
    await login(cli)
    expect(statSync(join(cli.home, 'internal.json')).mode & 0o777).to.equal(0o600)
    expect(statSync(cli.home).mode & 0o777).to.equal(0o700)
  })

  for (const [file, args] of [
    ['internal.json', ['auth', 'status', '--json']],
    ['internal.json', ['auth', 'login', '--json']],
    ['config.json', ['config', 'set', 'output-dir', '/tmp', '--json']],
    ['config.json', ['config', 'list', '--json']],
  ] as const) {
    it(`a corrupt ${file} gives a clear error on \`${args.slice(0, -1).join(' ')}\` and is left untouched`, async function () {
      const cli = cliFor(ctx.sandbox)
      const path = join(cli.home, file)
      const garbage = '{"token": "half-written'
      writeFileSync(path, garbage)
      const result = await cli([...args])
      expect(result.exitCode).to.equal(1)
      expect(result.stdout).to.equal('')
      expect(String(result.errorJson().error)).to.include(path).and.include('not valid JSON')
      expect(readFileSync(path, 'utf8')).to.equal(garbage)
    })
  }

  it('an access key and an env token work, and their failures do not echo them (see zz-secrets)', async function () {
    const {access_key: accessKey} = (await ctx.sandbox.control('access-keys')) as {access_key: string}
    const withKey = cliFor(ctx.sandbox, undefined, {PIXVERSE_ACCESS_KEY: accessKey})
    const status = await withKey(['auth', 'status', '--json'])
    expect(status.exitCode, status.stderr).to.equal(0)
    const bad = await cliFor(ctx.sandbox, undefined, {PIXVERSE_ACCESS_KEY: `${accessKey}x`})([
      'auth',
      'status',
      '--json',
    ])
    expect(bad.exitCode).to.equal(3)
    expect(bad.stderr).not.to.include(accessKey)
    const loggedIn = cliFor(ctx.sandbox)
    await login(loggedIn)
    const {token} = JSON.parse(readFileSync(join(loggedIn.home, 'internal.json'), 'utf8')) as {token: string}
    await ctx.sandbox.control('faults', {rules: [{endpoint: '*', kind: 'service-error'}]})
    try {
      const failing = await cliFor(ctx.sandbox, undefined, {PIXVERSE_TOKEN: token})([
        'create',
        'video',
        '--prompt',
        'x',
        '--json',
      ])
      expect(failing.exitCode).to.equal(1)
      expect(failing.stderr + failing.stdout).not.to.include(token)
    } finally {
      await ctx.sandbox.control('faults', {rules: []})
    }
  })

  describe('remote media inputs', function () {
    const privateUrls = [
      'https://127.0.0.1:1/cat.png',
      'https://localhost:1/cat.png',
      'https://[::1]:1/cat.png',
      'https://10.1.2.3/cat.png',
      'https://192.168.0.1/cat.png',
      'https://169.254.169.254/latest/meta-data.png',
      'https://[::ffff:127.0.0.1]:1/cat.png',
    ]

    it('refuses URLs that resolve to private or loopback addresses when the base is not the sandbox', async function () {
      // The sandbox, reached through an address the CLI does not treat as "the local sandbox".
      const port = new URL(ctx.sandbox.url).port
      const cli = cliFor(ctx.sandbox, undefined, {
        PIXVERSE_API_BASE: `http://[::ffff:7f00:1]:${port}/creative_platform`,
        PIXVERSE_ALLOW_CUSTOM_API_BASE: '1',
        PIXVERSE_TOKEN: 'not-a-real-token',
      })
      await ctx.sandbox.clearRequests()
      for (const url of privateUrls) {
        const result = await cli(['create', 'video', '--prompt', 'x', '--image', url, '--json'])
        expect(result.exitCode, `${url}: ${result.stderr}`).to.equal(6)
        expect(String(result.errorJson().error)).to.match(/private or loopback|Cannot resolve/)
      }
      expect(await ctx.sandbox.requests(), 'nothing was sent for a refused URL').to.deep.equal([])
    })

    it('refuses plain http everywhere', async function () {
      const cli = cliFor(ctx.sandbox)
      await login(cli)
      const result = await cli(['create', 'video', '--prompt', 'x', '--image', 'http://example.com/cat.png', '--json'])
      expect(result.exitCode).to.equal(6)
      expect(String(result.errorJson().error)).to.include('Only HTTPS')
    })

    it('allows loopback media when the base URL is the sandbox itself', async function () {
      const cli = cliFor(ctx.sandbox)
      await login(cli)
      const result = await cli(['create', 'video', '--prompt', 'x', '--image', 'https://127.0.0.1:1/cat.png', '--json'])
      // Not refused as private: the fetch is tried (and fails: nothing listens on port 1).
      expect(result.exitCode).to.equal(1)
      expect(String(result.errorJson().error)).not.to.include('private')
    })
  })
})
