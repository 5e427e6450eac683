import {expect} from 'chai'

import {runCli, tempHome} from '../helpers/cli.js'
import {expectSchema} from '../helpers/schema.js'

// PIXVERSE_UPDATE_COMMAND replaces `npm install -g pixverse@latest`: npm never runs here.
describe('update', function () {
  const home = tempHome()
  const run = (args: string[], command: string) =>
    runCli(args, {env: {PIXVERSE_HOME: home, PIXVERSE_UPDATE_COMMAND: command}})

  it('reports success with the version it updated from', async function () {
    const result = await run(['update', '--json'], 'echo installing; echo progress >&2')
    expect(result.exitCode, result.stderr).to.equal(0)
    const body = result.json<{from: string}>()
    expectSchema('update', body)
    expect(body).to.deep.equal({success: true, from: '0.1.0', command: 'echo installing; echo progress >&2'})
    // JSON mode keeps the package manager quiet: its output surfaces only in a failure's error object.
    expect(result.stderr).to.equal('')
  })

  it('human mode shows the package manager output on stderr only', async function () {
    const result = await run(['update'], 'echo installing')
    expect(result.exitCode).to.equal(0)
    expect(result.stdout).to.equal('Updated pixverse (was 0.1.0) with `echo installing`\n')
    expect(result.stderr).to.include('installing')
  })

  it('a failing install is exit 1 with npm_exit_code and stderr', async function () {
    const result = await run(['update', '--json'], 'echo "EACCES: permission denied" >&2; exit 243')
    expect(result.exitCode).to.equal(1)
    expect(result.stdout).to.equal('')
    expect(result.errorJson()).to.include({success: false, npm_exit_code: 243, stderr: 'EACCES: permission denied\n'})
    expect(result.errorJson().error).to.match(/exited with 243/)
  })

  it('a git checkout is not handed to npm: it says how to update it (exit 1, nothing run)', async function () {
    // The tests run the repository's own bin/run.js: a git checkout. Without the override npm would run.
    const result = await runCli(['update', '--json'], {env: {PIXVERSE_HOME: home, PATH: ''}})
    expect(result.exitCode).to.equal(1)
    expect(result.stdout).to.equal('')
    const error = result.errorJson()
    expect(error.error).to.match(/^This pixverse runs from a git checkout \(.+\); nothing was changed\.$/)
    expect(error.hint).to.match(/git -C .+ pull && npm --prefix .+ ci/)
  })

  it('blames permissions only when npm says so; a 404 says the registry has no such package', async function () {
    const notFound = await run(
      ['update', '--json'],
      'echo "npm error 404 Not Found - GET https://registry.npmjs.org/pixverse" >&2; exit 1',
    )
    expect(notFound.exitCode).to.equal(1)
    expect(notFound.errorJson().hint)
      .to.match(/registry has no such package/)
      .and.not.match(/permission/)
    const denied = await run(['update', '--json'], 'echo "EACCES: permission denied" >&2; exit 243')
    expect(denied.errorJson().hint).to.match(/permissions/)
  })

  it('documents the override in --help', async function () {
    const result = await runCli(['update', '--help'])
    expect(result.stdout).to.include('PIXVERSE_UPDATE_COMMAND').and.include('npm install -g pixverse@latest')
  })
})
