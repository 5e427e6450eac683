import {expect} from 'chai'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {useSandbox} from '../helpers/sandbox.js'

/** A folder with a `.env`, as in a cloned repository someone else wrote. */
function folderWithDotEnv(lines: string[]): {dir: string; file: string} {
  const dir = mkdtempSync(join(tmpdir(), 'pixverse-dotenv-'))
  const file = join(dir, '.env')
  writeFileSync(file, lines.join('\n') + '\n')
  return {dir, file}
}

describe('security: ./.env', function () {
  this.timeout(60_000)
  const ctx = useSandbox()

  it('never sends the stored login to a base URL that came from .env, and says which file set it', async function () {
    const {token} = JSON.parse(readFileSync(join(ctx.cli.home, 'internal.json'), 'utf8')) as {token: string}
    const {dir, file} = folderWithDotEnv([`PIXVERSE_API_BASE=${ctx.sandbox.url}`])
    await ctx.sandbox.clearRequests()
    const result = await ctx.cli(['account', 'info', '--json'], {cwd: dir, env: {PIXVERSE_API_BASE: undefined}})
    expect(result.exitCode, result.stderr).to.equal(3)
    const notices = result.stderr.split('\n').filter((line) => line.includes(file))
    expect(notices, result.stderr).to.have.length(1)
    expect(notices[0]).to.include('PIXVERSE_API_BASE')
    const requests = await ctx.sandbox.requests()
    expect(
      requests.filter((r) => Object.values(r.headers).includes(token)),
      'the stored token was sent',
    ).to.deep.equal([])
  })

  it('names the file once when .env supplies PIXVERSE_TOKEN', async function () {
    const {dir, file} = folderWithDotEnv(['PIXVERSE_TOKEN=token-from-a-dotenv'])
    const result = await ctx.cli(['account', 'info', '--json'], {cwd: dir})
    const notices = result.stderr.split('\n').filter((line) => line.includes(file))
    expect(notices, result.stderr).to.have.length(1)
    expect(notices[0]).to.include('PIXVERSE_TOKEN').and.not.include('token-from-a-dotenv')
    expect(result.stdout.includes(file)).to.equal(false)
  })

  it('says nothing about a .env that sets neither', async function () {
    const {dir, file} = folderWithDotEnv(['PIXVERSE_CLI_SOURCE=tests'])
    const result = await ctx.cli(['account', 'info', '--json'], {cwd: dir})
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(result.stderr).not.to.include(file)
  })
})
