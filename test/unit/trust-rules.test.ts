import {expect} from 'chai'

import {resolveEndpoint} from '../../src/api/base-url.js'
import {sanitizeFileName} from '../../src/api/download.js'
import {isPrivateAddress} from '../../src/api/remote-media.js'
import {backoffDelay, isRetryableNetworkError, isRetryableStatus, retryAfterMs} from '../../src/api/retry.js'
import {parseFaultConfig} from '../../src/sandbox/faults.js'

describe('isPrivateAddress', function () {
  const refused = [
    '127.0.0.1',
    '127.255.0.9',
    '10.0.0.1',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:a00:1',
    '::127.0.0.1',
    '64:ff9b::7f00:1',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    'fec0::1',
    'ff02::1',
    '[::1]',
    'not-an-ip',
    // SIIT (::ffff:0:0/96) and 6to4 (2002::/16) forms of loopback, private and metadata addresses.
    '::ffff:0:7f00:1',
    '::ffff:0:127.0.0.1',
    '::ffff:0:a9fe:a9fe',
    '2002:7f00:1::1',
    '2002:c0a8:101::',
    '2002:a9fe:a9fe::1',
    '2002::1',
  ]
  const allowed = [
    '8.8.8.8',
    '1.1.1.1',
    '172.15.0.1',
    '172.32.0.1',
    '100.63.0.1',
    '100.128.0.1',
    '2606:4700::1111',
    '::ffff:808:808',
    '64:ff9b::808:808',
    '::ffff:0:808:808',
    '2002:808:808::1',
  ]

  for (const address of refused) it(`refuses ${address}`, () => expect(isPrivateAddress(address)).to.equal(true))
  for (const address of allowed) it(`allows ${address}`, () => expect(isPrivateAddress(address)).to.equal(false))
})

describe('resolveEndpoint (docs/cli.md §9 base URL rules)', function () {
  it('defaults to production over https', function () {
    expect(resolveEndpoint({})).to.include({apiBase: 'https://app-api.pixverse.ai/creative_platform', local: false})
  })

  it('maps PIXVERSE_ENV aliases and refuses unknown ones with exit 6', function () {
    expect(resolveEndpoint({PIXVERSE_ENV: 'staging'}).apiBase).to.include('preview-api')
    expect(resolveEndpoint({PIXVERSE_ENV: 'dev'}).apiBase).to.include('test-api')
    expect(() => resolveEndpoint({PIXVERSE_ENV: 'moon'}))
      .to.throw()
      .with.property('exitCode', 6)
  })

  it('accepts the loopback sandbox over http and marks it local', function () {
    for (const base of [
      'http://127.0.0.1:8787/creative_platform',
      'http://localhost:1/x',
      'http://[::1]:9/creative_platform/',
    ]) {
      const endpoint = resolveEndpoint({PIXVERSE_API_BASE: base})
      expect(endpoint.local, base).to.equal(true)
      expect(endpoint.apiBase.endsWith('/')).to.equal(false)
    }
  })

  it('accepts PixVerse hosts only over https', function () {
    expect(resolveEndpoint({PIXVERSE_API_BASE: 'https://app-api.pixverse.ai/creative_platform'}).local).to.equal(false)
    expect(() => resolveEndpoint({PIXVERSE_API_BASE: 'http://app-api.pixverse.ai/creative_platform'}))
      .to.throw()
      .with.property('exitCode', 6)
  })

  it('refuses other hosts unless PIXVERSE_ALLOW_CUSTOM_API_BASE=1, and never marks them local', function () {
    expect(() => resolveEndpoint({PIXVERSE_API_BASE: 'https://evil.example/creative_platform'}))
      .to.throw(/Untrusted/)
      .with.property('exitCode', 6)
    const custom = resolveEndpoint({PIXVERSE_API_BASE: 'https://proxy.example/cp', PIXVERSE_ALLOW_CUSTOM_API_BASE: '1'})
    expect(custom.local).to.equal(false)
    expect(() => resolveEndpoint({PIXVERSE_API_BASE: 'ftp://x/y', PIXVERSE_ALLOW_CUSTOM_API_BASE: '1'}))
      .to.throw()
      .with.property('exitCode', 6)
    expect(() => resolveEndpoint({PIXVERSE_API_BASE: 'not a url'})).to.throw(/Invalid PIXVERSE_API_BASE/)
  })

  it('takes an upload origin only from PIXVERSE_UPLOAD_BASE, never from where the API is', function () {
    expect(resolveEndpoint({PIXVERSE_API_BASE: 'http://127.0.0.1:8787/creative_platform'}).uploadOrigin).to.equal(
      undefined,
    )
    expect(
      resolveEndpoint({PIXVERSE_API_BASE: 'http://127.0.0.1:8787/cp', PIXVERSE_UPLOAD_BASE: 'http://127.0.0.1:8787/x/'})
        .uploadOrigin,
    ).to.equal('http://127.0.0.1:8787')
    expect(() => resolveEndpoint({PIXVERSE_UPLOAD_BASE: 'https://evil.example'})).to.throw(
      /Untrusted PIXVERSE_UPLOAD_BASE/,
    )
    expect(() => resolveEndpoint({PIXVERSE_UPLOAD_BASE: 'nope'})).to.throw(/Invalid PIXVERSE_UPLOAD_BASE/)
    expect(
      resolveEndpoint({PIXVERSE_UPLOAD_BASE: 'https://mirror.example', PIXVERSE_ALLOW_CUSTOM_API_BASE: '1'})
        .uploadOrigin,
    ).to.equal('https://mirror.example')
  })

  it('does not take a look-alike host for a trusted one', function () {
    for (const base of [
      'https://app-api.pixverse.ai.evil.example/x',
      'https://evilapp-api.pixverse.ai/x',
      'https://app-api.pixverse.ai@evil.example/x',
    ]) {
      expect(() => resolveEndpoint({PIXVERSE_API_BASE: base}), base)
        .to.throw()
        .with.property('exitCode', 6)
    }
  })
})

describe('sanitizeFileName', function () {
  const cases: Array<[string, string]> = [
    ['../../evil.mp3', 'evil.mp3'],
    ['..\\..\\evil.mp3', 'evil.mp3'],
    ['/etc/passwd', 'passwd'],
    ['..', 'download'],
    ['', 'download'],
    ['.hidden', 'hidden'],
    ['a\u0000b\nc.mp4', 'a_b_c.mp4'],
    ['what?<>:"|*.png', 'what_______.png'],
  ]
  for (const [input, expected] of cases)
    it(`${JSON.stringify(input)} → ${expected}`, () => expect(sanitizeFileName(input)).to.equal(expected))

  it('caps the length', () => expect(sanitizeFileName('x'.repeat(500))).to.have.length(200))
})

describe('retry rules', function () {
  it('retries the statuses and network errors that mean "try again", not the others', function () {
    for (const status of [408, 429, 500, 502, 503, 504])
      expect(isRetryableStatus(status), String(status)).to.equal(true)
    for (const status of [200, 400, 401, 403, 404, 409])
      expect(isRetryableStatus(status), String(status)).to.equal(false)
    expect(isRetryableNetworkError({code: 'ECONNRESET'})).to.equal(true)
    expect(isRetryableNetworkError({name: 'TimeoutError'})).to.equal(true)
    expect(isRetryableNetworkError({code: 'ERR_INVALID_URL'})).to.equal(false)
  })

  it('reads Retry-After as seconds or a date, capped at 30 s', function () {
    expect(retryAfterMs('2')).to.equal(2000)
    expect(retryAfterMs('999')).to.equal(30_000)
    expect(retryAfterMs(undefined)).to.equal(undefined)
    expect(retryAfterMs('soon')).to.equal(undefined)
    const inFive = new Date(Date.now() + 5000).toUTCString()
    expect(retryAfterMs(inFive)).to.be.within(3000, 5000)
  })

  it('backs off exponentially with jitter and a cap', function () {
    for (let attempt = 1; attempt <= 8; attempt++) {
      const ceiling = Math.min(5000, 300 * 2 ** (attempt - 1))
      const samples = Array.from({length: 50}, () => backoffDelay(attempt))
      expect(Math.min(...samples)).to.be.at.least(ceiling / 2)
      expect(Math.max(...samples)).to.be.at.most(ceiling)
    }
    expect(new Set(Array.from({length: 20}, () => backoffDelay(4))).size, 'jittered').to.be.greaterThan(1)
  })
})

describe('parseFaultConfig', function () {
  it('accepts rules with a seed, or a bare list', function () {
    expect(parseFaultConfig({rules: [{endpoint: '/video/t2v/', kind: 'slow', delayMs: 10}], seed: 3})).to.deep.equal({
      rules: [
        {
          endpoint: 'video/t2v',
          kind: 'slow',
          delayMs: 10,
          probability: undefined,
          count: undefined,
          retryAfter: undefined,
        },
      ],
      seed: 3,
    })
    expect(parseFaultConfig([]).seed).to.equal(1)
  })

  it('names the bad field', function () {
    expect(() => parseFaultConfig({rules: [{endpoint: '*', kind: 'http-500', probability: 2}]})).to.throw(
      'rules[0].probability',
    )
    expect(() => parseFaultConfig({rules: [{kind: 'http-500'}]})).to.throw('rules[0].endpoint')
    expect(() => parseFaultConfig({rules: 'all'})).to.throw('rules must be an array')
    expect(() => parseFaultConfig({rules: [], seed: 1.5})).to.throw('seed')
  })
})
