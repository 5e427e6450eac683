import {expect} from 'chai'
import {randomBytes} from 'node:crypto'
import {mkdtempSync, readFileSync, readdirSync} from 'node:fs'
import http from 'node:http'
import type {AddressInfo} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {downloadFile} from '../../src/api/download.js'
import {useTestClock} from '../helpers/test-clock.js'

/**
 * downloadFile against a real loopback server that misbehaves in scripted ways: the first answer is
 * cut half-way, later ones honour (or ignore) Range. The ranges the client asked for are recorded.
 */
describe('downloadFile: resume, size check, atomic rename', function () {
  this.timeout(20_000)
  // The back-off between tries is taken from a clock the test controls: it is asked for, not waited out.
  const time = useTestClock()
  // An MP4 header, then noise: downloadFile checks that a .mp4 holds a video.
  const body = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom', 'ascii'), randomBytes(200_000)])
  let server: http.Server
  let base: string
  const ranges: Array<string | undefined> = []
  let script: Array<'cut' | 'range' | 'ignore-range'> = []

  before(async function () {
    server = http.createServer((req, res) => {
      ranges.push(req.headers.range)
      const step = script.shift() ?? 'range'
      const match = /^bytes=(\d+)-$/.exec(req.headers.range ?? '')
      if (step === 'cut') {
        res.writeHead(200, {'content-length': String(body.length)})
        res.write(body.subarray(0, body.length / 2), () => setTimeout(() => req.socket.destroy(), 20))
        return
      }
      if (match && step === 'range') {
        const start = Number(match[1])
        res.writeHead(206, {
          'content-range': `bytes ${start}-${body.length - 1}/${body.length}`,
          'content-length': String(body.length - start),
        })
        res.end(body.subarray(start))
        return
      }
      res.writeHead(200, {'content-length': String(body.length)})
      res.end(body)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })

  beforeEach(() => {
    ranges.length = 0
  })

  after(async function () {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  })

  it('resumes a cut download with a Range request for the missing bytes', async function () {
    script = ['cut', 'range']
    const dir = mkdtempSync(join(tmpdir(), 'pixverse-resume-'))
    const file = await downloadFile(`${base}/a.mp4`, dir, 'a.mp4')
    expect(readFileSync(file).equals(body)).to.equal(true)
    expect(ranges[0]).to.equal(undefined)
    expect(ranges[1]).to.match(/^bytes=\d+-$/)
    expect(Number(/\d+/.exec(ranges[1]!)![0])).to.be.greaterThan(0)
    expect(readdirSync(dir)).to.deep.equal(['a.mp4'])
  })

  it('starts over when the server ignores Range, and still gets the whole file', async function () {
    script = ['cut', 'ignore-range']
    const dir = mkdtempSync(join(tmpdir(), 'pixverse-resume-'))
    const file = await downloadFile(`${base}/b.mp4`, dir, 'b.mp4')
    expect(readFileSync(file).equals(body)).to.equal(true)
  })

  it('gives up after repeated cuts with no partial file under any name', async function () {
    script = Array.from({length: 12}, () => 'cut') // more cuts than downloadFile tries
    const dir = mkdtempSync(join(tmpdir(), 'pixverse-resume-'))
    // Every "cut" answer restarts at byte 0 (status 200), so no progress is kept between attempts.
    let failure: unknown
    const slept = time.clock.sleeps.length
    await downloadFile(`${base}/d.mp4`, dir, 'd.mp4').catch((error: unknown) => (failure = error))
    expect(failure).to.have.property('exitCode', 1)
    expect(readdirSync(dir)).to.deep.equal([])
    expect(time.clock.sleeps.length - slept, 'a back-off before every retry').to.equal(ranges.length - 1)
  })
})
