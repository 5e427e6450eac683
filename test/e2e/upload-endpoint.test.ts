import {expect} from 'chai'
import {existsSync, mkdtempSync, readFileSync} from 'node:fs'
import http from 'node:http'
import type {AddressInfo} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {ROOT, runCli, tempHome} from '../helpers/cli.js'

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
