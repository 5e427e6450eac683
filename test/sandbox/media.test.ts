import fs from 'node:fs'
import path from 'node:path'
import {expect} from 'chai'
import type {RunningSandbox} from '../../src/sandbox/index.js'
import {type Client, sleep, withSandbox} from './helpers.js'

describe('sandbox: media files and Range', () => {
  let sb: RunningSandbox
  let client: Client
  let url: string
  const mp4 = fs.readFileSync(path.resolve('fixtures/media/sample.mp4'))

  before(async () => {
    ;({sb, client} = await withSandbox({taskSeconds: 0.2}))
    await client.login()
    const id = (await client.post('video/t2v', {prompt: 'range', model: 'v6'})).Resp.video_id
    const pending = await fetch(`${sb.origin}/media/video/${id}.mp4`)
    expect(pending.status).to.equal(404) // not served before the task is done
    await sleep(300)
    url = (await client.post('video/download', {video_id: id})).Resp.url
  })
  after(() => sb.close())

  it('the fixture is a small playable MP4', () => {
    expect(mp4.length).to.be.lessThan(200 * 1024)
    expect(mp4.toString('latin1', 4, 8)).to.equal('ftyp')
  })

  it('a Range request answers 206 with exactly those bytes', async () => {
    const res = await fetch(url, {headers: {Range: 'bytes=100-1099'}})
    expect(res.status).to.equal(206)
    expect(res.headers.get('content-range')).to.equal(`bytes 100-1099/${mp4.length}`)
    expect(res.headers.get('content-length')).to.equal('1000')
    expect(Buffer.from(await res.arrayBuffer()).equals(mp4.subarray(100, 1100))).to.equal(true)
  })

  it('an open-ended Range resumes to the end; a suffix range gives the tail', async () => {
    const resume = await fetch(url, {headers: {Range: `bytes=${mp4.length - 10}-`}})
    expect(resume.status).to.equal(206)
    expect(Buffer.from(await resume.arrayBuffer()).equals(mp4.subarray(mp4.length - 10))).to.equal(true)
    const tail = await fetch(url, {headers: {Range: 'bytes=-5'}})
    expect(Buffer.from(await tail.arrayBuffer()).equals(mp4.subarray(mp4.length - 5))).to.equal(true)
  })

  it('an unsatisfiable Range answers 416; no Range gives the whole file with Accept-Ranges', async () => {
    const bad = await fetch(url, {headers: {Range: `bytes=${mp4.length}-`}})
    expect(bad.status).to.equal(416)
    expect(bad.headers.get('content-range')).to.equal(`bytes */${mp4.length}`)
    const whole = await fetch(url)
    expect(whole.status).to.equal(200)
    expect(whole.headers.get('accept-ranges')).to.equal('bytes')
    expect(whole.headers.get('content-length')).to.equal(String(mp4.length))
    expect(Buffer.from(await whole.arrayBuffer()).equals(mp4)).to.equal(true)
  })
})
