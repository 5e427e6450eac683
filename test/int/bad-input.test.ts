import {expect} from 'chai'
import {randomUUID} from 'node:crypto'

import type {CliResult} from '../helpers/cli.js'
import {type BadCase, casesFor} from '../helpers/bad-input-cases.js'
import {COMMAND_TABLE, manifestCommands} from '../helpers/command-table.js'
import {useSandbox} from '../helpers/sandbox.js'
import {recordSummary} from '../helpers/summary.js'

describe('bad input: every flag with a domain exits 6 before any request', function () {
  this.timeout(180_000)
  // In-process: the subject is each command's validation, not the process (in-process-parity.test.ts
  // shows both runners give the same exit codes and stderr for these cases).
  const ctx = useSandbox({inProcess: true})
  // Placeholders only need a valid shape here: every case fails before any request.
  const values: Record<string, string> = {
    video: '390000000001',
    spare: '390000000002',
    folder: '390000000042',
    doomed: '390000000043',
    template: '315000',
    dir: '/tmp',
  }

  before(async function () {
    await ctx.sandbox.clearRequests()
  })

  it('covers the enum flags of every command in the manifest', function () {
    // Every command needs a row first (json-contract.test.ts names the missing ones).
    expect(
      manifestCommands()
        .filter((c) => !COMMAND_TABLE[c.id])
        .map((c) => c.id),
      'commands without a COMMAND_TABLE row',
    ).to.deep.equal([])
    const commands = manifestCommands()
    const enums = commands.flatMap((c) =>
      Object.values(c.flags)
        .filter((f) => f.type === 'option' && f.options?.length)
        .map((f) => `${c.id} --${f.name}`),
    )
    const covered = commands.flatMap((c) => casesFor(c, values)).map((c) => `${c.command} ${c.names}`)
    expect(enums.filter((e) => !covered.includes(e))).to.deep.equal([])
  })

  it('refuses each invalid value with exit 6, naming the flag, with no request sent', async function () {
    const cases = manifestCommands().flatMap((c) => casesFor(c, values))
    expect(cases.length).to.be.greaterThan(40)
    const failures: string[] = []
    const traceOf = new Map<string, BadCase>()
    const run = async (bad: BadCase) => {
      // A valid trace id per case (unless the case is about --trace-id) tells whose request leaked.
      const trace = randomUUID()
      traceOf.set(trace, bad)
      const traced =
        bad.argv.some((a) => a.startsWith('--trace-id')) || bad.command === 'sandbox:serve'
          ? bad.argv
          : [...bad.argv, '--trace-id', trace]
      const result: CliResult = await ctx.cli([...traced, '--json'], {
        timeoutMs: 20_000,
        env: COMMAND_TABLE[bad.command]?.env,
      })
      const label = `${bad.command} ${bad.what}`
      if (result.exitCode !== 6)
        return failures.push(
          `${label}: exit ${result.exitCode}, expected 6 (${result.stderr.trim().split('\n').at(-1)})`,
        )
      if (result.stdout !== '') return failures.push(`${label}: stdout not empty: ${result.stdout}`)
      let error: Record<string, unknown>
      try {
        error = result.errorJson()
      } catch {
        return failures.push(`${label}: no JSON error on stderr: ${result.stderr}`)
      }
      const message = String(error.error)
      if (message.includes('\n')) failures.push(`${label}: message is not one line: ${message}`)
      if (bad.names && !message.includes(bad.names))
        failures.push(`${label}: message does not name ${bad.names}: ${message}`)
    }
    for (let i = 0; i < cases.length; i += 2) await Promise.all(cases.slice(i, i + 2).map(run))

    const requests = await ctx.sandbox.requests()
    const leaked = requests.map(
      (r) =>
        `${traceOf.get(r.headers['ai-trace-id'])?.command ?? '?'} ${traceOf.get(r.headers['ai-trace-id'])?.what ?? ''} → ${r.method} ${r.path}`,
    )
    recordSummary('bad input', {
      bad_inputs_tried: cases.length,
      refused_with_exit_6: cases.length - failures.length,
      requests_sent_for_bad_inputs: requests.length,
    })
    expect(failures, failures.join('\n')).to.deep.equal([])
    expect(leaked, `requests sent for bad input:\n${leaked.join('\n')}`).to.deep.equal([])
  })
})
