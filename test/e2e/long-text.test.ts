import {expect} from 'chai'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {useSandbox} from '../helpers/sandbox.js'

describe('runaway text input: refused before it is sent or paid for', function () {
  this.timeout(60_000)
  const ctx = useSandbox()

  it('a 21 MB prompt file is exit 6 and nothing is sent', async function () {
    const file = join(mkdtempSync(join(tmpdir(), 'pixverse-long-')), 'prompt.txt')
    writeFileSync(file, 'a cat '.repeat(3_500_000))
    await ctx.sandbox.clearRequests()
    const result = await ctx.cli(['create', 'video', '--prompt', file, '--json'])
    expect(result.exitCode, result.stderr).to.equal(6)
    expect(String(result.errorJson().error)).to.include('longer than')
    expect(await ctx.sandbox.requests()).to.deep.equal([])
  })

  it('a prompt on stdin past the cap is exit 6 and nothing is sent', async function () {
    await ctx.sandbox.clearRequests()
    const result = await ctx.cli(['create', 'video', '--prompt', '-', '--json'], {input: 'a dog '.repeat(1_000_000)})
    expect(result.exitCode, result.stderr).to.equal(6)
    expect(String(result.errorJson().error)).to.include('stdin')
    expect(await ctx.sandbox.requests()).to.deep.equal([])
  })
})
