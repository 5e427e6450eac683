import {expect} from 'chai'
import {type ChildProcess, spawn} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {BIN, LOOPBACK_GUARD, ROOT, runCli, tempHome} from '../helpers/cli.js'
import {type HostileMedia, startHostileMedia} from '../helpers/hostile-media.js'
import {useSandbox} from '../helpers/sandbox.js'

const fixture = readFileSync(join(ROOT, 'fixtures', 'media', 'sample.mp4'))
const freshDest = () => mkdtempSync(join(tmpdir(), 'pixverse-dl-'))

describe('downloads: never replace a file, refuse what is not media, clean up or resume', function () {
  this.timeout(120_000)
  // Tasks of 1 ms: done by the first look after the submit, so a case rarely pays a real 2 s poll
  // (how long a task takes is not what these cases check).
  const ctx = useSandbox({taskSeconds: 0.001})
  let hostile: HostileMedia
  let home: string
  let videoId: string
  const cli = (args: string[]) => runCli(args, {env: {PIXVERSE_HOME: home, PIXVERSE_API_BASE: hostile.url}})

  /** The CLI as a process of its own, so a test can signal it. */
  const spawnCli = (args: string[]): ChildProcess =>
    spawn(process.execPath, ['--import', LOOPBACK_GUARD, BIN, ...args], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        CI: '1',
        PIXVERSE_HOME: home,
        PIXVERSE_API_BASE: hostile.url,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })

  const exitOf = (child: ChildProcess) =>
    new Promise<{code: number | null; signal: NodeJS.Signals | null; stderr: string}>((resolve) => {
      let stderr = ''
      child.stderr!.on('data', (chunk) => (stderr += chunk))
      child.on('close', (code, signal) => resolve({code, signal, stderr}))
    })

  /** Resolves once a `.part` with some bytes exists in `dir`. */
  const partWritten = async (dir: string) => {
    for (let i = 0; i < 400; i++) {
      const part = readdirSync(dir).find((name) => name.endsWith('.part'))
      if (part && statSync(join(dir, part)).size > 0) return part
      await new Promise((resolve) => setTimeout(resolve, 50))
    }

    throw new Error(`no .part appeared in ${dir}: ${readdirSync(dir).join(', ')}`)
  }

  before(async function () {
    hostile = await startHostileMedia(ctx.sandbox.url)
    home = tempHome()
    const login = await cli(['auth', 'login', '--json'])
    expect(login.exitCode, login.stderr).to.equal(0)
    await ctx.sandbox.configure({taskSeconds: 0.3})
    const created = await cli(['create', 'video', '--prompt', 'to download', '--json'])
    expect(created.exitCode, created.stderr).to.equal(0)
    videoId = String(created.json().video_id)
  })

  after(async function () {
    await hostile?.stop()
  })

  beforeEach(function () {
    hostile.fileSize = undefined
    hostile.behaviour = 'pass'
    hostile.ranges.length = 0
  })

  it('a file already at the download name is kept; the download takes a free name and says which', async function () {
    const dest = freshDest()
    const first = await cli(['asset', 'download', videoId, '--dest', dest, '--json'])
    expect(first.exitCode, first.stderr).to.equal(0)
    const taken = first.json<{file: string}>().file
    writeFileSync(taken, 'my own edit of this video')
    const second = await cli(['asset', 'download', videoId, '--dest', dest, '--json'])
    expect(second.exitCode, second.stderr).to.equal(0)
    const file = second.json<{file: string}>().file
    expect(file).to.not.equal(taken)
    expect(file).to.match(/ \(2\)\.mp4$/)
    expect(readFileSync(taken, 'utf8')).to.equal('my own edit of this video')
    expect(readFileSync(file).equals(fixture)).to.equal(true)
    expect(readdirSync(dest).sort()).to.have.length(2)
    // Media are the user's files, not secrets: they get the umask's mode, as any other download tool's.
    expect(statSync(file).mode & 0o777).to.equal(0o666 & ~process.umask())
  })

  it('a server-chosen audio name that is already taken keeps the existing file', async function () {
    const {token} = JSON.parse(readFileSync(join(ctx.cli.home, 'internal.json'), 'utf8')) as {token: string}
    const created = (await fetch(`${ctx.sandbox.url}/speech/tts/generate`, {
      method: 'POST',
      headers: {Token: token, 'content-type': 'application/json'},
      body: JSON.stringify({text: 'hello', model: 'tts-1', voice_id: 1}),
    }).then((r) => r.json())) as {Resp: {audio_id: number}}
    const id = String(created.Resp.audio_id)
    const waited = await ctx.cli(['task', 'wait', id, '--type', 'audio', '--poll-interval', '1', '--json'])
    expect(waited.exitCode, waited.stderr).to.equal(0)
    await ctx.sandbox.control('faults', {rules: [{endpoint: 'asset/download', kind: 'hostile-name'}]})
    try {
      const dest = freshDest()
      writeFileSync(join(dest, 'evil.mp3'), 'a file that was here first')
      const result = await ctx.cli(['asset', 'download', id, '--type', 'audio', '--dest', dest, '--json'])
      expect(result.exitCode, result.stderr).to.equal(0)
      expect(result.json<{file: string}>().file).to.equal(join(dest, 'evil (2).mp3'))
      expect(readFileSync(join(dest, 'evil.mp3'), 'utf8')).to.equal('a file that was here first')
      expect(readdirSync(dest).sort()).to.deep.equal(['evil (2).mp3', 'evil.mp3'])
    } finally {
      await ctx.sandbox.control('faults', {rules: []})
    }
  })

  it('two processes downloading the same asset at once both end with a complete file', async function () {
    const dest = freshDest()
    const [a, b] = await Promise.all([
      cli(['asset', 'download', videoId, '--dest', dest, '--json']),
      cli(['asset', 'download', videoId, '--dest', dest, '--json']),
    ])
    expect(a.exitCode, a.stderr).to.equal(0)
    expect(b.exitCode, b.stderr).to.equal(0)
    const files = [a.json<{file: string}>().file, b.json<{file: string}>().file]
    expect(files[0]).to.not.equal(files[1])
    for (const file of files) expect(readFileSync(file).equals(fixture), file).to.equal(true)
    expect(readdirSync(dest)).to.have.length(2)
  })

  for (const behaviour of ['html', 'html-as-video'] as const) {
    it(`an HTML error page (${behaviour === 'html' ? 'labelled text/html' : 'labelled video/mp4'}) is refused: exit 1, nothing saved`, async function () {
      hostile.behaviour = behaviour
      const dest = freshDest()
      const result = await cli(['asset', 'download', videoId, '--dest', dest, '--json'])
      expect(result.exitCode).to.equal(1)
      expect(result.stdout).to.equal('')
      expect(result.errorJson().error).to.match(/^Download refused: .*not a video/)
      expect(readdirSync(dest)).to.deep.equal([])
    })
  }

  it('a body announced far beyond any real video is refused before it is written', async function () {
    hostile.behaviour = 'huge'
    const dest = freshDest()
    const result = await cli(['asset', 'download', videoId, '--dest', dest, '--json'])
    expect(result.exitCode).to.equal(1)
    expect(result.errorJson().error).to.match(/^Download refused: \d+ bytes is larger than/)
    expect(hostile.ranges).to.have.length(1) // refused at once, not retried
    expect(readdirSync(dest)).to.deep.equal([])
  })

  it('an audio file larger than the size its detail gives is refused', async function () {
    const {token} = JSON.parse(readFileSync(join(home, 'internal.json'), 'utf8')) as {token: string}
    const created = (await fetch(`${ctx.sandbox.url}/speech/tts/generate`, {
      method: 'POST',
      headers: {Token: token, 'content-type': 'application/json'},
      body: JSON.stringify({text: 'a size the detail understates', model: 'tts-1', voice_id: 1}),
    }).then((r) => r.json())) as {Resp: {audio_id: number}}
    const id = String(created.Resp.audio_id)
    const waited = await cli(['task', 'wait', id, '--type', 'audio', '--poll-interval', '1', '--json'])
    expect(waited.exitCode, waited.stderr).to.equal(0)
    hostile.fileSize = 100
    const dest = freshDest()
    const result = await cli(['asset', 'download', id, '--type', 'audio', '--dest', dest, '--json'])
    expect(result.exitCode).to.equal(1)
    expect(result.errorJson().error).to.match(/^Download refused: \d+ bytes is larger than the 100 bytes expected/)
    expect(readdirSync(dest)).to.deep.equal([])
  })

  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`${signal} during a download exits ${code} and leaves no partial file behind`, async function () {
      hostile.behaviour = 'stall'
      const dest = freshDest()
      const child = spawnCli(['asset', 'download', videoId, '--dest', dest, '--json'])
      const exited = exitOf(child)
      await partWritten(dest)
      child.kill(signal)
      const {code: exitCode, stderr} = await exited
      expect(exitCode, stderr).to.equal(code)
      expect(stderr).to.include('Download interrupted')
      expect(readdirSync(dest)).to.deep.equal([])
    })
  }

  it('a download killed outright is resumed by the next run, which leaves only the whole file', async function () {
    hostile.behaviour = 'stall'
    const dest = freshDest()
    const child = spawnCli(['asset', 'download', videoId, '--dest', dest, '--json'])
    const exited = exitOf(child)
    const part = await partWritten(dest)
    const had = statSync(join(dest, part)).size
    child.kill('SIGKILL')
    await exited
    expect(existsSync(join(dest, part))).to.equal(true)
    hostile.behaviour = 'pass'
    const rerun = await cli(['asset', 'download', videoId, '--dest', dest, '--json'])
    expect(rerun.exitCode, rerun.stderr).to.equal(0)
    expect(hostile.ranges.at(-1)).to.equal(`bytes=${had}-`)
    const file = rerun.json<{file: string}>().file
    expect(readFileSync(file).equals(fixture)).to.equal(true)
    expect(readdirSync(dest)).to.deep.equal([file.split('/').at(-1)])
  })
})
