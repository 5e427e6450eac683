import {expect} from 'chai'
import {type Server, createServer} from 'node:http'
import {mkdtempSync, readdirSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {ApiClient} from '../../src/api/client.js'
import {downloadFile} from '../../src/api/download.js'
import {RETRY} from '../../src/api/retry.js'
import {isCliError} from '../../src/errors.js'
import {useTestClock} from '../helpers/test-clock.js'

/** A loopback server that answers every request with 503 and counts them. */
async function failingServer(): Promise<{server: Server; url: string; hits: () => number}> {
  let hits = 0
  const server = createServer((_req, res) => {
    hits++
    res.writeHead(503, {'content-type': 'application/json'}).end('{}')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as {port: number}
  return {server, url: `http://127.0.0.1:${port}`, hits: () => hits}
}

describe('the transfer-retry policy (api/retry.ts), on the test clock', function () {
  const time = useTestClock()
  let failing: Awaited<ReturnType<typeof failingServer>>

  beforeEach(async function () {
    failing = await failingServer()
  })

  afterEach(async function () {
    await new Promise((resolve) => failing.server.close(resolve))
  })

  const client = () =>
    new ApiClient({
      endpoint: {apiBase: `${failing.url}/creative_platform`, webBase: failing.url, local: true},
      workspaceId: 0,
      language: 'en-US',
      cliSource: 'test',
      userAgent: 'test',
    })

  /** The waits of one failed transfer: what the clock was asked to sleep, each within the schedule's cap. */
  function expectWaits(from: number, tries: number, capMs: number): void {
    const waits = time.clock.sleeps.slice(from)
    expect(waits).to.have.length(tries - 1)
    for (const wait of waits) expect(wait).to.be.within(0, capMs)
  }

  async function failure(work: Promise<unknown>): Promise<unknown> {
    const error = await work.then(
      () => undefined,
      (caught: unknown) => caught,
    )
    expect(isCliError(error), String(error)).to.equal(true)
    return error
  }

  it('repeats a safe API call by the apiCall schedule, with no real waiting', async function () {
    const before = time.clock.sleeps.length
    const started = Date.now()
    await failure(client().get('account/info'))
    expect(failing.hits()).to.equal(RETRY.apiCall.tries).and.above(1)
    expectWaits(before, RETRY.apiCall.tries, RETRY.apiCall.capMs)
    expect(Date.now() - started, 'seconds of back-off cost no real time').to.be.below(3000)
  })

  it('never repeats a call that is not safe to repeat (the once schedule)', async function () {
    const before = time.clock.sleeps.length
    await failure(client().post('video/create', {}, {retry: 'once'}))
    expect(failing.hits()).to.equal(1)
    expectWaits(before, 1, 0)
  })

  it('repeats a download by the download schedule, and leaves no file behind', async function () {
    const before = time.clock.sleeps.length
    const dir = mkdtempSync(join(tmpdir(), 'pixverse-retry-'))
    await failure(downloadFile(`${failing.url}/media/a.mp4`, dir, 'a.mp4'))
    expect(failing.hits()).to.equal(RETRY.download.tries)
    expectWaits(before, RETRY.download.tries, RETRY.download.capMs)
    expect(readdirSync(dir)).to.deep.equal([])
  })
})
