import {expect} from 'chai'

import {resolveEndpoint} from '../../src/api/base-url.js'
import {tokenFitsEndpoint} from '../../src/api/credentials.js'

/** Where a stored token may be sent: the origin it was issued by (scheme, host and port), nothing near it. */
describe('tokenFitsEndpoint', function () {
  const custom = (base: string) => resolveEndpoint({PIXVERSE_API_BASE: base, PIXVERSE_ALLOW_CUSTOM_API_BASE: '1'})

  it('sends a token written by the reference client (no origin) only to PixVerse domains over https', function () {
    expect(tokenFitsEndpoint(undefined, resolveEndpoint({}))).to.equal(true)
    expect(tokenFitsEndpoint(undefined, resolveEndpoint({PIXVERSE_ENV: 'staging'}))).to.equal(true)
    for (const base of [
      'https://evilpixverse.ai/cp',
      'https://pixverse.ai.evil.example/cp',
      'https://xpixverseai.com/cp',
      'http://app-api.pixverse.ai.local.test/cp',
    ]) {
      expect(tokenFitsEndpoint(undefined, custom(base)), base).to.equal(false)
    }
  })

  it('matches an issued origin by scheme, host and port', function () {
    const issued = 'https://app-api.pixverse.ai'
    expect(tokenFitsEndpoint(issued, resolveEndpoint({}))).to.equal(true)
    expect(tokenFitsEndpoint(issued, custom('https://app-api.pixverse.ai:8443/creative_platform'))).to.equal(false)
    expect(tokenFitsEndpoint('https://proxy.example', custom('https://proxy.example/cp'))).to.equal(true)
    expect(tokenFitsEndpoint('https://proxy.example', custom('https://evilproxy.example/cp'))).to.equal(false)
  })

  it('never sends a token over plain http except to loopback', function () {
    expect(tokenFitsEndpoint('http://proxy.example', custom('http://proxy.example/cp'))).to.equal(false)
    expect(tokenFitsEndpoint('https://proxy.example', custom('http://proxy.example/cp'))).to.equal(false)
    expect(
      tokenFitsEndpoint(
        'http://127.0.0.1:4000',
        resolveEndpoint({PIXVERSE_API_BASE: 'http://127.0.0.1:5000/creative_platform'}),
      ),
    ).to.equal(true)
  })

  it('keeps sandbox tokens and real tokens apart', function () {
    expect(tokenFitsEndpoint('http://127.0.0.1:4000', resolveEndpoint({}))).to.equal(false)
    expect(
      tokenFitsEndpoint(
        'https://app-api.pixverse.ai',
        resolveEndpoint({PIXVERSE_API_BASE: 'http://127.0.0.1:5000/cp'}),
      ),
    ).to.equal(false)
    expect(tokenFitsEndpoint(undefined, resolveEndpoint({PIXVERSE_API_BASE: 'http://127.0.0.1:5000/cp'}))).to.equal(
      false,
    )
  })
})
