import {expect} from 'chai'
import {join} from 'node:path'

import {ROOT, tempHome} from '../helpers/cli.js'
import {useSandbox} from '../helpers/sandbox.js'
import {Terminal} from '../helpers/tmux.js'

// eslint-disable-next-line no-control-regex
const ESCAPE = /\u001B\[/

describe('text output for people', function () {
  // Tasks of 1 ms: done by the first look after the submit, so a case rarely pays a real 2 s poll
  // (how long a task takes is not what these cases check).
  const ctx = useSandbox({taskSeconds: 0.001})
  const ids: number[] = []
  let term: Terminal | undefined

  before(async function () {
    const long =
      'a very long prompt about a cat surfing a huge wave at dawn, with spray, gulls and a lighthouse far behind'
    for (const prompt of ['first', long, 'third']) {
      const result = await ctx.cli(['create', 'video', '--prompt', prompt, '--no-wait', '--json'])
      expect(result.exitCode, result.stderr).to.equal(0)
      ids.push(result.json<{video_id: number}>().video_id)
    }
  })

  afterEach(function () {
    term?.kill()
    term = undefined
  })

  it('task status lists the ids in the order given, with relative times and the next command', async function () {
    const order = [ids[2], ids[0], ids[1]]
    const result = await ctx.cli(['task', 'status', ...order.map(String)])
    expect(result.exitCode, result.stderr).to.equal(0)
    const rows = result.stdout
      .trim()
      .split('\n')
      .filter((line) => /^\d{9,}\s/.test(line))
    expect(rows.map((row) => Number(row.split(/\s+/)[0]))).to.deep.equal(order)
    expect(result.stdout).to.match(/just now|min ago/)
    expect(result.stdout).not.to.match(/\d{4}-\d\d-\d\dT\d\d:/)
    for (const id of order)
      expect(result.stdout).to.match(
        new RegExp(`^(Wait: +pixverse task wait|Download: pixverse asset download) ${id}$`, 'm'),
      )
  })

  it('one finished task: one line, its URL and "Download: pixverse asset download <id>"', async function () {
    const done = await ctx.cli(['task', 'wait', String(ids[0]), '--json'])
    expect(done.exitCode, done.stderr).to.equal(0)
    const result = await ctx.cli(['task', 'status', String(ids[0])])
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(result.stdout.split('\n')[0]).to.match(new RegExp(`^video ${ids[0]} · Completed · v6 · `))
    expect(result.stdout).to.include(`Download: pixverse asset download ${ids[0]}\n`)
    expect(result.stdout).not.to.include('status_code')
    // task wait says it with the same word (its JSON keeps `completed`, docs/cli.md).
    const waited = await ctx.cli(['task', 'wait', String(ids[0])])
    expect(waited.stdout.split('\n')[0]).to.match(new RegExp(`^video ${ids[0]} · Completed · v6 · `))
  })

  it('asset info: the same summary and next command, every raw field only with --verbose', async function () {
    const result = await ctx.cli(['asset', 'info', String(ids[0])])
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(result.stdout.split('\n')[0]).to.match(new RegExp(`^video ${ids[0]} · Completed · v6 · `))
    expect(result.stdout).to.include(`Download: pixverse asset download ${ids[0]}\n`).and.not.include('video_status')
    const verbose = await ctx.cli(['asset', 'info', String(ids[0]), '--verbose'])
    expect(verbose.stdout).to.match(/^video_status\s+1$/m)
  })

  it('hides trace ids, idempotency keys and request bodies unless --verbose', async function () {
    const plain = await ctx.cli(['create', 'image', '--prompt', 'a fox', '--no-wait'])
    expect(plain.exitCode, plain.stderr).to.equal(0)
    expect(plain.stdout).to.match(/image_id\s+\d+/)
    expect(plain.stdout).not.to.match(/trace_id|idempotency_key|params:/)
    const verbose = await ctx.cli(['create', 'image', '--prompt', 'a fox', '--no-wait', '--verbose'])
    expect(verbose.exitCode, verbose.stderr).to.equal(0)
    expect(verbose.stdout).to.match(/trace_id\s+[0-9a-f-]{36}/)
    expect(verbose.stdout).to.include('idempotency_key')
    expect(verbose.stdout).to.include('params:')
  })

  it('template info says what the template needs and how to use it', async function () {
    const result = await ctx.cli(['template', 'info', '315003'])
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(result.stdout).to.match(/^Hug Your Past \(template 315003\) · image/)
    expect(result.stdout).to.match(/^Needs: +exactly 3 images \(--image\)$/m)
    expect(result.stdout).to.match(
      /^Use: +pixverse create template --template-id 315003 --image a\.png b\.png c\.png$/m,
    )
    expect(result.stdout).not.to.match(/i18n_json|template_type|effect_type/)
    const json = await ctx.cli(['template', 'info', '315003', '--json'])
    expect(json.json()).to.include({template_type: 2, effect_type: 3})
  })

  it('config set says what changed', async function () {
    const first = await ctx.cli(['config', 'set', 'output-dir', '/tmp/pixverse-a'])
    expect(first.stdout.trim()).to.equal('Set output-dir to /tmp/pixverse-a (was not set)')
    const second = await ctx.cli(['config', 'set', 'output-dir', '/tmp/pixverse-b'])
    expect(second.stdout.trim()).to.equal('Set output-dir to /tmp/pixverse-b (was /tmp/pixverse-a)')
    expect((await ctx.cli(['config', 'set', 'output-dir', '/tmp/pixverse-b', '--json'])).json()).to.deep.equal({
      success: true,
      key: 'outputDir',
      value: '/tmp/pixverse-b',
    })
  })

  it('at 80 columns no table row wraps; long cells end in …', async function () {
    term = Terminal.start(['asset', 'list'], {PIXVERSE_HOME: ctx.cli.home, ...ctx.sandbox.clientEnv}, {columns: 80})
    expect(await term.exitCode()).to.equal(0)
    const lines = term.screen().trimEnd().split('\n')
    // capture-pane -J joins a wrapped row back into one line: every line must fit the screen.
    for (const line of lines) expect([...line].length, line).to.be.at.most(80)
    const rows = lines.filter((line) => /^\d{9,}\s/.test(line))
    expect(rows).to.have.length(ids.length)
    expect(rows.some((row) => row.includes('…'))).to.equal(true)
  })

  it('colours a terminal, never a pipe or NO_COLOR=1', async function () {
    const env = {PIXVERSE_HOME: ctx.cli.home, ...ctx.sandbox.clientEnv}
    term = Terminal.start(['task', 'status', String(ids[0])], env)
    expect(await term.exitCode()).to.equal(0)
    expect(term.rawScreen()).to.match(ESCAPE)
    term.kill()
    term = Terminal.start(['task', 'status', String(ids[0])], {...env, NO_COLOR: '1'})
    expect(await term.exitCode()).to.equal(0)
    expect(term.rawScreen()).to.include('Completed').and.not.match(ESCAPE)
    const piped = await ctx.cli(['task', 'status', String(ids[0])])
    expect(piped.stdout).to.include('Completed').and.not.match(ESCAPE)
    const forced = await ctx.cli(['task', 'status', String(ids[0])], {env: {FORCE_COLOR: '1'}})
    expect(forced.stdout).to.match(ESCAPE)
  })

  it('pages a long list in a terminal through PAGER, never when piped', async function () {
    const env = {PIXVERSE_HOME: ctx.cli.home, ...ctx.sandbox.clientEnv, PAGER: 'sed s/^/paged:/'}
    term = Terminal.start(['template', 'list', '--limit', '30'], env, {rows: 20})
    expect(await term.exitCode()).to.equal(0)
    expect(term.screen()).to.match(/^paged:page 1 · 30 of \d+/m)
    const piped = await ctx.cli(['template', 'list', '--limit', '30'], {env: {PAGER: 'sed s/^/paged:/'}})
    expect(piped.stdout).not.to.include('paged:')
    expect(piped.stdout).to.match(/^page 1 · 30 of \d+/m)
  })

  it('auth status and auth logout say it in a sentence, with the next command', async function () {
    const status = await ctx.cli(['auth', 'status'])
    expect(status.exitCode, status.stderr).to.equal(0)
    expect(status.stdout).to.match(/^Logged in as Sandbox User <sandbox@example\.com> · \w+\nCredits: \d+\n/)
    expect(status.stdout).to.include('Details: pixverse account info\n').and.not.include('authenticated')
    expect((await ctx.cli(['auth', 'status', '--json'])).json()).to.include({authenticated: true})

    const home = tempHome()
    const logout = await ctx.cli(['auth', 'logout'], {env: {PIXVERSE_HOME: home}})
    expect(logout.stdout).to.equal('Not logged in (no stored token to remove).\nLog in: pixverse auth login\n')
    const json = await ctx.cli(['auth', 'logout', '--json'], {env: {PIXVERSE_HOME: home}})
    expect(json.json()).to.deep.equal({success: true, message: 'Token removed'})
  })

  it('asset upload names what it made and how to use it; asset download where it saved', async function () {
    const upload = await ctx.cli(['asset', 'upload', join(ROOT, 'fixtures', 'media', 'sample.png')])
    expect(upload.exitCode, upload.stderr).to.equal(0)
    const [head, use] = upload.stdout.trim().split('\n')
    expect(head).to.match(/^Uploaded image (\d+) \([\d.]+ KB\): upload\/\S+\.png$/)
    const id = /^Uploaded image (\d+)/.exec(head)?.[1]
    expect(use).to.equal(`Use it: pixverse create video --image ${id} --prompt "…"`)
    expect(upload.stdout).not.to.match(/^(url|size|name)\s/m)
    const verbose = await ctx.cli(['asset', 'upload', join(ROOT, 'fixtures', 'media', 'sample.png'), '--verbose'])
    expect(verbose.stdout).to.match(/^url\s+http:\/\/127\.0\.0\.1:\d+\/media\/upload\//m)

    const download = await ctx.cli(['asset', 'download', String(ids[0]), '--dest', join(ctx.cli.home, 'saved')])
    expect(download.exitCode, download.stderr).to.equal(0)
    expect(download.stdout).to.match(
      new RegExp(`^Saved video ${ids[0]} to ${join(ctx.cli.home, 'saved')}/\\S+\\.mp4\\n$`),
    )
  })

  it('config list, get, path and reset read as sentences; JSON is unchanged', async function () {
    const env = {PIXVERSE_HOME: tempHome()}
    const unset = await ctx.cli(['config', 'get', 'output-dir'], {env})
    expect(unset.stdout).to.equal('output-dir is not set\nSet it: pixverse config set output-dir <value>\n')
    expect((await ctx.cli(['config', 'set', 'output-dir', '/tmp/pixverse-c'], {env})).exitCode).to.equal(0)
    expect((await ctx.cli(['config', 'get', 'output-dir'], {env})).stdout).to.equal('/tmp/pixverse-c\n')
    const list = await ctx.cli(['config', 'list'], {env})
    expect(list.stdout).to.match(/^SETTING +VALUE\noutput-dir +\/tmp\/pixverse-c\nStored in \S+config\.json\n/)
    expect(list.stdout).not.to.match(/_paths|outputDir/)
    expect((await ctx.cli(['config', 'list', '--json'], {env})).json()).to.have.keys('outputDir', '_paths')
    expect((await ctx.cli(['config', 'path'], {env})).stdout).to.match(/^Folder {4}\S+\nSettings {2}\S+config\.json\n$/)
    const reset = await ctx.cli(['config', 'reset'], {env})
    expect(reset.stdout).to.equal('Cleared every setting and creation default (the login is kept).\n')
    expect((await ctx.cli(['config', 'get', 'output-dir', '--json'], {env})).json()).to.deep.equal({
      key: 'outputDir',
      value: null,
    })
  })

  it('config defaults: one line per mode, and set/reset say what they changed', async function () {
    const env = {PIXVERSE_HOME: tempHome()}
    const all = await ctx.cli(['config', 'defaults'], {env})
    expect(all.stdout).to.match(/^MODE +DEFAULTS$/m)
    expect(all.stdout).to.match(/^video +v6 · 5 s · 720p · 16:9 · audio · /m)
    expect(all.stdout).to.include('Change one: pixverse config defaults set <mode> <key> <value>')
    expect(all.stdout).not.to.match(/^ {2}model /m)
    const set = await ctx.cli(['config', 'defaults', 'set', 'video', 'quality', '1080p'], {env})
    expect(set.stdout).to.equal(
      'Set video defaults: quality 1080p. Every later `create video` starts from them.\n' +
        'See them all: pixverse config defaults show video\n',
    )
    expect((await ctx.cli(['config', 'defaults', 'show', 'video'], {env})).stdout).to.match(
      /^video: v6 · 5 s · 1080p · /,
    )
    const reset = await ctx.cli(['config', 'defaults', 'reset', 'video'], {env})
    expect(reset.stdout).to.match(/^Reset video creation defaults to the built-in values: v6 · 5 s · 720p · /)
    expect((await ctx.cli(['config', 'defaults', 'reset', '--json'], {env})).json()).to.deep.equal({
      success: true,
      message: 'Reset all creation defaults',
    })
  })

  it('at 80 columns no line of a list or a result wraps', async function () {
    this.timeout(120_000)
    const env = {PIXVERSE_HOME: ctx.cli.home, ...ctx.sandbox.clientEnv}
    const commands = [
      ['auth', 'status'],
      ['account', 'info'],
      ['account', 'usage'],
      ['account', 'slots'],
      ['workspace', 'list'],
      ['workspace', 'status'],
      ['saved', 'list'],
      ['template', 'categories'],
      ['template', 'list', '--limit', '5'],
      ['template', 'info', '315003'],
      ['task', 'status', ...ids.map(String)],
      ['config', 'list'],
      ['config', 'defaults'],
    ]
    for (const args of commands) {
      term = Terminal.start(args, env, {columns: 80})
      expect(await term.exitCode(), args.join(' ')).to.equal(0)
      for (const line of term.screen().trimEnd().split('\n'))
        expect([...line].length, `${args.join(' ')}: ${line}`).to.be.at.most(80)
      term.kill()
      term = undefined
    }
  })
})
