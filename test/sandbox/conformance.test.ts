import http from 'node:http'
import {expect} from 'chai'
import type {RunningSandbox} from '../../src/sandbox/index.js'
import {type Client, sleep, withSandbox} from './helpers.js'

/** A GET with an explicit Host header (fetch sends the URL's own). */
function getWithHost(url: string, host: string): Promise<{status: number; body: string}> {
  return new Promise((resolve, reject) => {
    http
      .get(url, {headers: {host}}, (res) => {
        let body = ''
        res.on('data', (chunk) => (body += chunk))
        res.on('end', () => resolve({status: res.statusCode ?? 0, body}))
      })
      .on('error', reject)
  })
}

describe('sandbox: answers as the service does (issue 15 conformance run)', () => {
  let sb: RunningSandbox
  let client: Client

  beforeEach(async () => {
    ;({sb, client} = await withSandbox())
    await client.login()
  })
  afterEach(() => sb.close())

  it('accepts video 480p and image 1800p, as docs/models.md lists', async () => {
    const video = await client.post('video/t2v', {
      prompt: 'a cat',
      model: 'seedance-2.0-fast',
      duration: 5,
      quality: '480p',
      create_count: 1,
      aspect_ratio: '16:9',
    })
    expect(video.ErrCode, video.ErrMsg).to.equal(0)
    const image = await client.post('image/t2i', {
      prompt: 'a dog',
      model: 'seedream-5.0-lite',
      quality: '1800p',
      create_count: 1,
      aspect_ratio: '16:9',
    })
    expect(image.ErrCode, image.ErrMsg).to.equal(0)
    const bogus = await client.post('video/t2v', {
      prompt: 'a cat',
      model: 'v6',
      duration: 5,
      quality: '123p',
      create_count: 1,
    })
    expect(bogus.ErrCode).to.not.equal(0)
  })

  it('describes a TTS voice at the top level of audio/detail', async () => {
    const submit = await client.post('speech/tts/generate', {text: 'hello', model: 'speech-2.8-hd', voice_id: 'Calm'})
    expect(submit.ErrCode, submit.ErrMsg).to.equal(0)
    await sleep(1200)
    const detail = await client.get('audio/detail', {audio_id: submit.Resp.audio_id})
    expect(detail.Resp.audio)
      .to.include({voice_name: 'Calm', provider: 'minimax'})
      .and.have.property('provider_voice_id')
    expect(detail.Resp.audio).not.to.have.property('voice')
  })

  it('refuses a Host it does not serve (DNS rebinding) and logs it', async () => {
    const port = new URL(sb.origin).port
    const refused = await getWithHost(`${sb.origin}/healthz`, `attacker.example:${port}`)
    expect(refused.status).to.equal(421)
    const wrongPort = await getWithHost(`${sb.origin}/healthz`, '127.0.0.1:1')
    expect(wrongPort.status).to.equal(421)
    expect((await getWithHost(`${sb.origin}/healthz`, `localhost:${port}`)).status).to.equal(200)
    const log = await client.control<Array<{host: string; refused?: string}>>('GET', 'requests')
    expect(log.filter((r) => r.refused === 'host').map((r) => r.host)).to.deep.equal([
      `attacker.example:${port}`,
      '127.0.0.1:1',
    ])
  })

  it('logs requests a fault rule answered, and media downloads', async () => {
    await client.control('POST', 'faults', {rules: [{endpoint: 'user/credits', kind: 'http-503', count: 1}]})
    const res = await fetch(`${sb.baseUrl}/user/credits`, {headers: client.headers()})
    expect(res.status).to.equal(503)
    await fetch(`${sb.origin}/media/static/avatar.png`).then((r) => r.arrayBuffer())
    const log = await client.control<Array<{path: string; fault?: string; method: string}>>('GET', 'requests')
    expect(log.find((r) => r.path === '/creative_platform/user/credits')).to.include({fault: 'http-503'})
    expect(log.find((r) => r.path === '/media/static/avatar.png')).to.include({method: 'GET'})
  })
})
