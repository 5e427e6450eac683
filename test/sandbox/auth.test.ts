import {expect} from 'chai'
import type {RunningSandbox} from '../../src/sandbox/index.js'
import {type Client, sleep, withSandbox} from './helpers.js'

describe('sandbox: device flow and auth', () => {
  let sb: RunningSandbox
  let client: Client

  beforeEach(async () => {
    ;({sb, client} = await withSandbox({autoApprove: false}))
  })
  afterEach(() => sb.close())

  it('authorize returns the RFC 8628 fields with a page on this server', async () => {
    const res = await client.post('oauth/device/authorize')
    expect(res.ErrCode).to.equal(0)
    const r = res.Resp
    expect(r.device_code).to.be.a('string').with.length.greaterThan(20)
    expect(r.user_code).to.match(/^[A-Z]{4}-\d{4}$/)
    expect(r.verification_uri).to.equal(`${sb.origin}/device`)
    expect(r.verification_uri_complete).to.equal(`${sb.origin}/device?user_code=${r.user_code}`)
    expect(r.expires_in).to.equal(600)
    expect(r.interval).to.equal(1)
  })

  it('polling: pending, slow_down when too fast, then approved via the web page', async () => {
    const {Resp: grant} = await client.post('oauth/device/authorize')
    const pending = await client.post('oauth/device/token', {device_code: grant.device_code})
    expect(pending.ErrCode).to.equal(10055)
    const tooFast = await client.post('oauth/device/token', {device_code: grant.device_code})
    expect(tooFast.ErrCode).to.equal(10054)

    // The page a browser opens shows the code and an Approve form.
    const page = await fetch(grant.verification_uri_complete)
    expect(page.status).to.equal(200)
    expect(page.headers.get('content-type')).to.match(/text\/html/)
    const html = await page.text()
    expect(html).to.contain(grant.user_code)
    expect(html).to.match(/<form method="post" action="\/device\/approve">/)
    const approved = await fetch(`${sb.origin}/device/approve`, {
      method: 'POST',
      headers: {'content-type': 'application/x-www-form-urlencoded'},
      body: new URLSearchParams({user_code: grant.user_code}).toString(),
    })
    expect(approved.status).to.equal(200)
    expect(await approved.text()).to.contain('You can close this tab')

    await sleep(1000)
    const done = await client.post('oauth/device/token', {device_code: grant.device_code})
    expect(done.ErrCode, done.ErrMsg).to.equal(0)
    expect(done.Resp.access_token).to.be.a('string')
    expect(done.Resp.token_type).to.equal('Bearer')
    expect(done.Resp.expires_in).to.equal(2_592_000)

    client.token = done.Resp.access_token
    const me = await client.get('getUserInfo')
    expect(me.ErrCode).to.equal(0)
    expect(me.Resp).to.include.keys(
      'AccountId',
      'Username',
      'Nickname',
      'Mail',
      'HasPassword',
      'PremiumType',
      'MemberType',
      'avatar',
      'invite_code',
      'is_creator',
    )
    expect(me.Resp.MemberType).to.equal(2)

    // A device code is good for one token only.
    await sleep(1000)
    const again = await client.post('oauth/device/token', {device_code: grant.device_code})
    expect(again.ErrCode).to.not.equal(0)
  })

  it('unknown device codes and unknown user codes are refused', async () => {
    const res = await client.post('oauth/device/token', {device_code: 'nope'})
    expect(res.ErrCode).to.not.equal(0)
    expect([10055, 10054]).to.not.include(res.ErrCode)
    const page = await fetch(`${sb.origin}/device?user_code=ZZZZ-0000`)
    expect(page.status).to.equal(404)
  })

  it('autoApprove issues the token on the first poll', async () => {
    await client.control('POST', 'config', {autoApprove: true})
    const {Resp: grant} = await client.post('oauth/device/authorize')
    const res = await client.post('oauth/device/token', {device_code: grant.device_code})
    expect(res.ErrCode).to.equal(0)
    expect(res.Resp.access_token).to.be.a('string')
  })

  it('missing or unknown token → 10002, expired → 10005, Access-Key works', async () => {
    const none = await client.get('user/credits')
    expect(none.ErrCode).to.equal(10002)
    expect(none.Resp).to.equal(null)
    client.token = 'not-a-token'
    expect((await client.post('video/t2v', {prompt: 'x', model: 'v6'})).ErrCode).to.equal(10002)

    await client.login()
    expect((await client.get('user/credits')).ErrCode).to.equal(0)
    await client.control('POST', 'expire-tokens')
    const expired = await client.get('user/credits')
    expect(expired.ErrCode).to.equal(10005)

    client.token = undefined
    client.accessKey = 'bogus'
    expect((await client.get('user/credits')).ErrCode).to.equal(10002)
    const {access_key} = await client.control<{access_key: string}>('POST', 'access-keys')
    client.accessKey = access_key
    const ok = await client.get('user/credits')
    expect(ok.ErrCode).to.equal(0)
    expect(ok.Resp).to.include.keys(
      'credit_daily',
      'credit_monthly',
      'credit_package',
      'effect_daily',
      'high_quality_times',
      'is_new_register_user',
      'renewal_credits',
    )
  })

  it('echoes Ai-Trace-Id, or makes one up, on every response', async () => {
    const traced = await fetch(`${sb.baseUrl}/user/credits`, {
      headers: {'Ai-Trace-Id': '11111111-2222-4333-8444-555555555555'},
    })
    expect(traced.headers.get('ai-trace-id')).to.equal('11111111-2222-4333-8444-555555555555')
    const fresh = await fetch(`${sb.baseUrl}/user/credits`)
    expect(fresh.headers.get('ai-trace-id')).to.match(/^[0-9a-f-]{36}$/)
  })

  it('logs requests with secrets redacted', async () => {
    await client.control('DELETE', 'requests')
    client.token = 'secret-token-value'
    await client.post('video/t2v', {prompt: 'logged', model: 'v6'}, {'Ai-Trace-Id': 'abc'})
    const log = await client.control<any[]>('GET', 'requests')
    expect(log).to.have.length(1)
    expect(log[0]).to.include({seq: 1, method: 'POST', path: '/creative_platform/video/t2v'})
    expect(log[0].body).to.deep.equal({prompt: 'logged', model: 'v6'})
    expect(log[0].headers.token).to.equal('[redacted]')
    expect(log[0].headers['ai-trace-id']).to.equal('abc')
    expect(JSON.stringify(log)).to.not.contain('secret-token-value')
  })
})
