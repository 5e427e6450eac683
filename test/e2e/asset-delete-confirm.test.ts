import {expect} from 'chai'

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
  const env = () => ({PIXVERSE_HOME: ctx.cli.home, PIXVERSE_API_BASE: ctx.sandbox.url})

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
