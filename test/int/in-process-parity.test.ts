import {expect} from 'chai'

import {casesFor} from '../helpers/bad-input-cases.js'
import {type CliResult, runCli} from '../helpers/cli.js'
import {COMMAND_TABLE, manifestCommands} from '../helpers/command-table.js'
import {runCommand} from '../helpers/run-command.js'
import {type Runner, cliFor, useSandbox} from '../helpers/sandbox.js'

/** Ids and keys the CLI makes up per run (trace ids, idempotency keys) differ between any two runs. */
const normalise = (text: string) =>
  text.replaceAll(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
const observed = (result: CliResult) => ({
  exitCode: result.exitCode,
  stdout: normalise(result.stdout),
  stderr: normalise(result.stderr),
})

/**
 * The in-process runner (run-command.ts) stands in for the subprocess in the walks over many cases:
 * this runs a sample of those cases both ways and requires the same exit code, stdout and stderr.
 */
describe('in-process runs yield what the subprocess yields', function () {
  this.timeout(300_000)
  const ctx = useSandbox()
  const both = async (
    argv: string[],
    as: (runner: Runner) => ReturnType<typeof cliFor>,
    env?: Record<string, string>,
  ) => {
    const sub = await as(runCli)(argv, {env})
    const inProcess = await as(runCommand)(argv, {env})
    expect(observed(inProcess), argv.join(' ')).to.deep.equal(observed(sub))
    return sub
  }

  const sameHome = (runner: Runner) => cliFor(ctx.sandbox, ctx.cli.home, {}, runner)

  it('bad input: a sample of every command’s refused values', async function () {
    const values = {
      video: '390000000001',
      spare: '390000000002',
      folder: '390000000042',
      doomed: '390000000043',
      template: '315000',
      dir: '/tmp',
    }
    const cases = manifestCommands().flatMap((c) => casesFor(c, values))
    // Every 15th case: each kind of value (number, enum, path, URL, id) shows up in the sample.
    const sample = cases.filter((_, index) => index % 15 === 0)
    expect(sample.length).to.be.greaterThan(30)
    for (const bad of sample) {
      const result = await both([...bad.argv, '--json'], sameHome, COMMAND_TABLE[bad.command]?.env)
      expect(result.exitCode, bad.what).to.equal(6)
    }
  })

  it('failures after a request, in JSON and text mode', async function () {
    const trace = ['--trace-id', '0b0e7a52-4a8f-4c1e-9d7a-3f1c2b6d8e90']
    const anonymous = (runner: Runner) => cliFor(ctx.sandbox, '/nonexistent/pixverse-parity-home', {}, runner)
    expect((await both(['auth', 'status', '--json'], anonymous)).exitCode).to.equal(3)
    expect((await both(['auth', 'status'], anonymous)).exitCode).to.equal(3)
    expect((await both(['task', 'status', '999999999', '--json', ...trace], sameHome)).exitCode).to.not.equal(0)
    expect((await both(['create', 'video', '--prompt', 'x', '--json', ...trace], anonymous)).exitCode).to.equal(3)
  })

  it('success in text mode, help and a parse error', async function () {
    expect((await both(['account', 'info'], sameHome)).exitCode).to.equal(0)
    expect((await both(['create', 'video', '--help'], sameHome)).exitCode).to.equal(0)
    expect((await both(['create', 'video', '--no-such-flag'], sameHome)).exitCode).to.equal(6)
  })
})
