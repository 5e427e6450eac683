import {expect} from 'chai'
import {mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {ROOT} from '../helpers/cli.js'

import {useSandbox} from '../helpers/sandbox.js'
import {Terminal} from '../helpers/tmux.js'

describe('asset delete at a terminal', function () {
  const ctx = useSandbox()
  let term: Terminal | undefined
  afterEach(function () {
    term?.kill()
    term = undefined
  })

  const newVideo = async () => {
    const result = await ctx.cli(['create', 'video', '--prompt', 'to delete', '--no-wait', '--json'])
    expect(result.exitCode, result.stderr).to.equal(0)
    return result.json<{video_id: number}>().video_id
  }

  const deletes = async () => (await ctx.sandbox.requests()).filter((r) => r.path.endsWith('asset/library/delete'))
  const env = () => ({PIXVERSE_HOME: ctx.cli.home, ...ctx.sandbox.clientEnv})

  it('asks first; "no" deletes nothing (exit 130)', async function () {
    const id = await newVideo()
    await ctx.sandbox.clearRequests()
    term = Terminal.start(['asset', 'delete', String(id)], env())
    await term.waitFor(`Delete video ${id}? This cannot be undone. (y/N)`)
    term.type('n')
    term.keys('Enter')
    expect(await term.exitCode(), term.screen()).to.equal(130)
    expect(term.screen()).to.include('Cancelled; nothing was deleted')
    expect(await deletes()).to.have.length(0)
  })

  it('"yes" deletes; --yes skips the question', async function () {
    const id = await newVideo()
    term = Terminal.start(['asset', 'delete', String(id)], env())
    await term.waitFor('(y/N)')
    term.type('y')
    term.keys('Enter')
    expect(await term.exitCode(), term.screen()).to.equal(0)
    expect(term.screen()).to.include(`Deleted video ${id}`)
    term.kill()

    const other = await newVideo()
    term = Terminal.start(['asset', 'delete', String(other), '--yes'], env())
    expect(await term.exitCode(), term.screen()).to.equal(0)
    expect(term.screen()).to.include(`Deleted video ${other}`).and.not.include('(y/N)')
  })
})

describe('asset upload at a terminal', function () {
  const ctx = useSandbox()

  it('shows a byte bar on stderr that ends at 100%, and the result on stdout', async function () {
    const dir = mkdtempSync(join(tmpdir(), 'pixverse-upload-tty-'))
    const stdout = join(dir, 'stdout.txt')
    const term = Terminal.start(
      ['asset', 'upload', join(ROOT, 'fixtures', 'media', 'sample.mp4')],
      {PIXVERSE_HOME: ctx.cli.home, ...ctx.sandbox.clientEnv},
      {shellSuffix: `> '${stdout}'`},
    )
    try {
      expect(await term.exitCode(), term.screen()).to.equal(0)
      expect(term.screen()).to.match(/^Uploading \[█{24}\] 100% [\d.]+ (KB|MB) \/ [\d.]+ (KB|MB)$/m)
      expect(readFileSync(stdout, 'utf8'))
        .to.match(/^Uploaded video \d+: upload\//)
        .and.not.include('█')
    } finally {
      term.kill()
    }
  })
})
