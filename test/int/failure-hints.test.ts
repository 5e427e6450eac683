import {expect} from 'chai'

import {runCommand} from '../helpers/run-command.js'
import {cliFor, useSandbox} from '../helpers/sandbox.js'
import {useTestClock} from '../helpers/test-clock.js'

// In-process (what a failure prints is the command's, not the process's); the network failure's
// retries back off on the test clock.
describe('failures end with the next step', function () {
  const ctx = useSandbox({inProcess: true})
  useTestClock({realMsPerSecond: 50})

  it('a failed generation says what to change and where the refund shows', async function () {
    const failed = await ctx.cli(['create', 'video', '--prompt', 'doomed [sandbox:fail]'])
    expect(failed.exitCode).to.equal(5)
    const hint = failed.stderr.trim().split('\n').at(-1)
    expect(hint).to.match(/^hint {2}Create again, or change the model, the prompt or the inputs/)
    expect(hint).to.include('`pixverse account usage` (a Refund line)')
    const rejected = await ctx.cli(['create', 'video', '--prompt', 'bad [sandbox:reject]', '--json'])
    expect(rejected.exitCode).to.equal(5)
    expect(rejected.errorJson().hint).to.match(
      /^The service did not approve the content: change the prompt or the input media/,
    )
    // The refund the hint points to is really there.
    const usage = await ctx.cli(['account', 'usage'])
    expect(usage.stdout).to.match(/Refund/)
  })

  it('a network failure ends with one line naming the host and what to do', async function () {
    const result = await runCommand(['account', 'info'], {
      env: {
        PIXVERSE_HOME: ctx.cli.home,
        PIXVERSE_API_BASE: 'http://127.0.0.1:9/creative_platform',
        PIXVERSE_HTTP_TIMEOUT_MS: '500',
      },
    })
    expect(result.exitCode).to.equal(1)
    const lines = result.stderr.trim().split('\n')
    // Retry notices (naming the host) may come first; the error and its one hint line end it.
    expect(lines.at(-2)).to.match(/^error Network error calling /)
    expect(lines.at(-1)).to.equal(
      'hint  127.0.0.1:9 could not be reached: check the connection and PIXVERSE_API_BASE, then run the same command again.',
    )
  })

  it('logged out, every command says "Not logged in" the same way (exit 3)', async function () {
    const anonymous = cliFor(ctx.sandbox)
    const errors = []
    for (const args of [
      ['account', 'info', '--json'],
      ['asset', 'list', '--json'],
      ['create', 'video', '--prompt', 'x', '--no-wait', '--json'],
      ['template', 'list', '--json'],
    ]) {
      const result = await anonymous(args)
      expect(result.exitCode, args.join(' ')).to.equal(3)
      errors.push({error: result.errorJson().error, hint: result.errorJson().hint})
    }

    for (const error of errors)
      expect(error).to.deep.equal({
        error: 'Not logged in',
        hint: 'Run `pixverse auth login` (or set PIXVERSE_TOKEN / PIXVERSE_ACCESS_KEY).',
      })
  })
})
