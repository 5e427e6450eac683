import {expect} from 'chai'
import {mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {ROOT, runCli, tempHome} from '../helpers/cli.js'
import {type HostileServer, envelope, startHostileServer} from '../helpers/hostile-server.js'
import {cliFor, useSandbox} from '../helpers/sandbox.js'
import {Terminal} from '../helpers/tmux.js'

const PROGRESS_WORDS =
  /Uploading|Submitting|In queue|Generating|Downloading|Waiting for approval|^\d{4}-\d\d-\d\dT[\d:.]+Z |[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏✔✖█░]|\p{Cc}\[/mu
const ISO_LINE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z /
/** Escape sequences (ESC, CSI) and the bidi marks and overrides a hostile name could carry. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u001b\u009b\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u

describe('progress on stderr, never on stdout', function () {
  this.timeout(90_000)
  const ctx = useSandbox()
  let term: Terminal | undefined

  afterEach(function () {
    term?.kill()
    term = undefined
  })

  it('text with stderr piped: timestamped lines for every phase on stderr, only the result on stdout', async function () {
    const result = await ctx.cli([
      'create',
      'video',
      '--prompt',
      '[sandbox:seconds=5] a neon city',
      '--image',
      'fixtures/media/sample.png',
    ])
    expect(result.exitCode, result.stderr).to.equal(0)
    const lines = result.stderr.trim().split('\n')
    for (const line of lines) expect(line).to.match(ISO_LINE)
    const text = lines.map((line) => line.replace(ISO_LINE, '')).join('\n')
    expect(text).to.match(/^Uploading --image fixtures\/media\/sample\.png…$/m)
    expect(text).to.match(/^Uploading --image fixtures\/media\/sample\.png: done \([\d.]+ KB\) in 0:\d\d$/m)
    expect(text).to.match(/^Submitting video: done, video \d+ \(cost: \d+ credits\) in 0:\d\d$/m)
    expect(text).to.match(/^video \d+: In queue \(\d+s so far, generation takes ~5s\) \[0:\d\d\]$/m)
    expect(text).to.match(/^video \d+: Generating \(about \d+s left of ~5s\) \[0:\d\d\]$/m)
    expect(text).to.match(/^video \d+: Completed \[0:\d\d\]$/m)
    expect(result.stdout).to.match(/^status\s+completed$/m)
    expect(result.stdout).not.to.match(PROGRESS_WORDS)

    const id = /^video_id\s+(\d+)$/m.exec(result.stdout)?.[1]
    const downloaded = await ctx.cli(['asset', 'download', String(id), '--dest', join(ctx.cli.home, 'dl')])
    expect(downloaded.exitCode, downloaded.stderr).to.equal(0)
    expect(downloaded.stderr).to.match(/Downloading video \d+: done \([\d.]+ KB\), .*\.mp4 in 0:\d\d$/m)
    expect(downloaded.stdout).not.to.match(PROGRESS_WORDS)
    const waited = await ctx.cli(['task', 'wait', String(id)])
    expect(waited.stderr).to.match(/video \d+: Completed \[0:\d\d\]$/m)
    expect(waited.stdout).not.to.match(PROGRESS_WORDS)
  })

  it('at a terminal: a live display on stderr (kept in test-output/progress-capture.txt), stdout still only the result', async function () {
    const dir = mkdtempSync(join(tmpdir(), 'pixverse-progress-'))
    const stdoutFile = join(dir, 'stdout.txt')
    term = Terminal.start(
      ['create', 'video', '--prompt', '[sandbox:seconds=8] a neon city', '--image', 'fixtures/media/sample.png'],
      {PIXVERSE_HOME: ctx.cli.home, ...ctx.sandbox.clientEnv},
      {shellSuffix: `> '${stdoutFile}'`},
    )
    const queued = await term.waitFor(/video \d+: In queue/)
    const generating = await term.waitFor(/video \d+: Generating \(about \d+s left of ~8s\) 0:\d\d/)
    expect(await term.exitCode(), term.screen()).to.equal(0)
    const final = term.screen()
    mkdirSync(join(ROOT, 'test-output'), {recursive: true})
    writeFileSync(
      join(ROOT, 'test-output', 'progress-capture.txt'),
      `# pixverse create video --image … at a 120x40 terminal (stdout redirected to a file)\n\n## while queued\n${queued}\n## while generating\n${generating}\n## at the end\n${final}`,
    )

    expect(final).to.match(/✔ Uploading --image fixtures\/media\/sample\.png [\d.]+ KB \(0:\d\d\)/)
    expect(final).to.match(/✔ Submitting video — video \d+ \(cost: \d+ credits\) \(0:\d\d\)/)
    expect(final).to.match(/✔ video \d+: Completed 0:\d\d/)
    const stdout = readFileSync(stdoutFile, 'utf8')
    expect(stdout).to.match(/^status\s+completed$/m)
    expect(stdout).not.to.match(PROGRESS_WORDS)
  })

  it('Ctrl-C while waiting at a terminal ends the display cleanly and names the ids to resume', async function () {
    term = Terminal.start(['create', 'video', '--count', '2', '--prompt', '[sandbox:seconds=30] slow'], {
      PIXVERSE_HOME: ctx.cli.home,
      ...ctx.sandbox.clientEnv,
    })
    await term.waitFor(/video \d+: In queue[\s\S]*video \d+: In queue/)
    term.keys('C-c')
    expect(await term.exitCode(), term.screen()).to.equal(130)
    const screen = term.screen()
    expect(screen).to.match(/video \d+: stopped waiting \(last seen: In queue/)
    expect(screen).not.to.match(/✔ video \d+: In queue/)
    expect(screen).to.include('error Interrupted while waiting; the tasks keep running')
    expect(screen).to.match(/hint {2}Resume with `pixverse task wait \d+`/)
  })

  it('auth login at a terminal shows the code, the URL and a waiting indicator; JSON mode only the URL', async function () {
    const fresh = cliFor(ctx.sandbox)
    const json = await fresh(['auth', 'login', '--json'])
    expect(json.exitCode, json.stderr).to.equal(0)
    expect(json.stderr.trim().split('\n')).to.have.length(1)
    expect(json.stderr.trim()).to.match(/^Authorize at: \S+ \(code: \S+\)$/)

    const other = cliFor(ctx.sandbox)
    term = Terminal.start(['auth', 'login'], {PIXVERSE_HOME: other.home, ...ctx.sandbox.clientEnv})
    expect(await term.exitCode()).to.equal(0)
    const screen = term.screen()
    expect(screen).to.match(/Authorize at: http:\/\/127\.0\.0\.1:\d+\/device\?user_code=(\S+) \(code: \1\)/)
    expect(screen).to.match(/✔ Waiting for approval in the browser — approved \(0:\d\d\)/)
    expect(screen).to.include('Logged in as')
  })
})

describe('progress shows server text only through terminalText()', function () {
  this.timeout(60_000)
  const HOSTILE_NAME = 'song\u202Egpj.\u001b[2Jmp3'
  let hostile: HostileServer
  let term: Terminal | undefined

  before(async function () {
    const mp3 = readFileSync(join(ROOT, 'fixtures', 'media', 'sample.mp3'))
    hostile = await startHostileServer((path) => {
      if (path === 'audio/detail')
        return {body: envelope({audio: {audio_id: 7, asset_id: 7, audio_status: 1, status: 'finish', title: 'x'}})}
      if (path === 'asset/download')
        return {
          body: envelope({
            url: `${hostile.url.replace('/creative_platform', '')}/song.mp3`,
            download_name: HOSTILE_NAME,
          }),
        }
      if (path === '/song.mp3') return {body: mp3, headers: {'content-type': 'audio/mpeg'}}
      return {body: envelope({})}
    })
  })

  after(async function () {
    term?.kill()
    await hostile.close()
  })

  const env = (home: string) => ({PIXVERSE_HOME: home, PIXVERSE_API_BASE: hostile.url, PIXVERSE_TOKEN: 'hostile-test'})

  it('a download named by the service: the progress lines carry no escape or bidi character', async function () {
    const home = tempHome()
    const result = await runCli(['asset', 'download', '7', '--type', 'audio', '--dest', join(home, 'out')], {
      env: env(home),
    })
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(result.stderr).to.match(ISO_LINE)
    expect(result.stderr).to.match(/Downloading audio 7: done/)
    expect(result.stderr).not.to.match(UNSAFE)
    expect(result.stdout).not.to.match(UNSAFE)
  })

  it('the same at a terminal: the live display has no bidi override', async function () {
    const home = tempHome()
    term = Terminal.start(['asset', 'download', '7', '--type', 'audio', '--dest', join(home, 'out')], env(home))
    expect(await term.exitCode(), term.screen()).to.equal(0)
    expect(term.screen()).to.match(/✔ Downloading audio 7/)
    expect(term.screen()).not.to.match(UNSAFE)
  })
})
