import {expect} from 'chai'
import {existsSync, mkdtempSync, readFileSync} from 'node:fs'
import http from 'node:http'
import type {AddressInfo} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {ROOT, runCli, tempHome} from '../helpers/cli.js'
import {useSandbox} from '../helpers/sandbox.js'

const PNG = join(ROOT, 'fixtures', 'media', 'sample.png')

/**
 * A hostile API on loopback: its upload token names where to PUT. Whatever form that takes, the
 * file and the STS credentials must only ever go to an OSS host (issue 14).
 */
describe('upload target from the token answer (issue 14)', function () {
  let server: http.Server
  let base = ''
  let token: Record<string, string> = {}

  before(async () => {
    server = http.createServer((req, res) => {
      const route = (req.url ?? '').replace(/^\/creative_platform\//, '').replace(/\?.*$/, '')
      const resp = route === 'getUploadToken' ? {Ak: 'STS.x', Sk: 'secret', Token: 'sts-token', ...token} : {}
      res.writeHead(200, {'content-type': 'application/json'})
      res.end(JSON.stringify({ErrCode: 0, ErrMsg: 'success', Resp: resp}))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/creative_platform`
  })

  after(() => new Promise<void>((resolve) => server.close(() => resolve())))

  const cases: Array<[string, Record<string, string>]> = [
    ['a bare endpoint', {Endpoint: 'evil.example'}],
    ['a bare endpoint that only starts like OSS', {endpoint: 'oss-accelerate.aliyuncs.com.evil.example'}],
    ['an http endpoint URL', {Endpoint: 'http://oss-accelerate.aliyuncs.com'}],
    ['an https URL of another host', {Endpoint: 'https://evil.example/_oss'}],
    ['a bucket that changes the host', {Bucket: 'evil.example/x?'}],
  ]
  for (const [what, answer] of cases) {
    it(`refuses ${what}, connecting nowhere`, async () => {
      token = answer
      const guardLog = join(mkdtempSync(join(tmpdir(), 'pixverse-guard-')), 'violations.log')
      const result = await runCli(['asset', 'upload', PNG, '--json'], {
        env: {
          PIXVERSE_HOME: tempHome(),
          PIXVERSE_API_BASE: base,
          PIXVERSE_TOKEN: 'tok',
          PIXVERSE_TEST_GUARD_LOG: guardLog,
        },
      })
      expect(result.exitCode).to.equal(1)
      expect(result.stdout).to.equal('')
      expect(String(result.errorJson().error)).to.match(/Refusing to upload/)
      expect(existsSync(guardLog) ? readFileSync(guardLog, 'utf8') : '').to.equal('')
    })
  }
})

/**
 * Where the API is does not decide where uploads go: with an API on loopback and no upload origin
 * configured, the client takes the production path and PUTs to the OSS bucket host (refused here by
 * the loopback guard, which has no name map for this run), never quietly to the API's own origin.
 */
describe('upload target with a loopback API and no PIXVERSE_UPLOAD_BASE', function () {
  this.timeout(60_000)
  const ctx = useSandbox()

  it('PUTs to the bucket host, as in production', async () => {
    const guardLog = join(mkdtempSync(join(tmpdir(), 'pixverse-guard-')), 'violations.log')
    const result = await ctx.cli(['asset', 'upload', PNG, '--json'], {
      env: {PIXVERSE_UPLOAD_BASE: undefined, PIXVERSE_TEST_NET: undefined, PIXVERSE_TEST_GUARD_LOG: guardLog},
    })
    expect(result.exitCode, result.stderr).to.not.equal(0)
    expect(result.stdout).to.equal('')
    expect(existsSync(guardLog) ? readFileSync(guardLog, 'utf8') : '').to.include(
      'pixverse-fe-upload.oss-accelerate.aliyuncs.com',
    )
    const puts = (await ctx.sandbox.requests()).filter((r) => r.method === 'PUT')
    expect(puts).to.deep.equal([])
  })

  it('with PIXVERSE_UPLOAD_BASE, the same signed request goes to that origin, naming the bucket host', async () => {
    await ctx.sandbox.clearRequests()
    const result = await ctx.cli(['asset', 'upload', PNG, '--json'])
    expect(result.exitCode, result.stderr).to.equal(0)
    const puts = (await ctx.sandbox.requests()).filter((r) => r.method === 'PUT')
    expect(puts.map((r) => r.host)).to.deep.equal(['pixverse-fe-upload.oss-accelerate.aliyuncs.com'])
  })
})
