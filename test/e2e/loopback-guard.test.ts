import {expect} from 'chai'
import {mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {execFile} from 'node:child_process'
import {promisify} from 'node:util'

import {LOOPBACK_GUARD, runCli, tempHome} from '../helpers/cli.js'
import {runCommand} from '../helpers/run-command.js'

/** Runs a snippet of node under the guard and returns what it printed. */
async function underGuard(script: string, env: Record<string, string>): Promise<string> {
  const {stdout} = await promisify(execFile)(
    process.execPath,
    ['--import', LOOPBACK_GUARD, '--input-type=module', '-e', script],
    {env: {PATH: process.env.PATH, ...env}},
  )
  return stdout.trim()
}

describe('the loopback guard of the test suite', function () {
  for (const [how, runner] of [
    ['a subprocess', runCli],
    ['an in-process run', runCommand],
  ] as const) {
    it(`refuses and records a connection to a real host (here: the production API) from ${how}`, async function () {
      const log = join(mkdtempSync(join(tmpdir(), 'pixverse-guard-')), 'violations.log')
      // One request (auth status sends two in parallel): an in-process run must not leave a request
      // retrying after it returned, when the run's guard log is no longer set.
      const result = await runner(['task', 'status', '1', '--json'], {
        env: {PIXVERSE_HOME: tempHome(), PIXVERSE_TOKEN: 'not-a-real-token', PIXVERSE_TEST_GUARD_LOG: log},
      })
      expect(result.exitCode).to.equal(1)
      expect(result.stdout).to.equal('')
      expect(result.errorJson().error).to.match(/Network error/)
      const recorded = readFileSync(log, 'utf8').split('\n').filter(Boolean)
      expect(recorded.join('\n')).to.match(/-> app-api\.pixverse\.ai:443/)
      // The refusal is final (EPERM, as from a firewall): one attempt, not the client's retry schedule.
      expect(recorded, 'connection attempts').to.have.length(1)
    })
  }

  it('refuses and records every lookup but the sandbox names (dns.lookup, dns.promises.lookup) and tls connects', async function () {
    const log = join(mkdtempSync(join(tmpdir(), 'pixverse-guard-')), 'violations.log')
    const net = JSON.stringify({address: '203.0.113.10', names: ['app-api.pixverse.ai'], port: 9})
    const script = `
      import dns from 'node:dns'
      import {lookup} from 'node:dns/promises'
      import tls from 'node:tls'
      const out = []
      out.push((await lookup('app-api.pixverse.ai')).address)
      out.push(await new Promise((resolve) => dns.lookup('app-api.pixverse.ai', {all: true}, (e, all) => resolve(all[0].address))))
      out.push(await lookup('example.com').then(() => 'resolved', (e) => e.code))
      out.push(await new Promise((resolve) => dns.lookup('example.org', (e) => resolve(e?.code))))
      out.push(await new Promise((resolve) => tls.connect({host: '93.184.215.14', port: 443}).on('error', (e) => resolve(e.code))))
      console.log(out.join(' '))`
    const printed = await underGuard(script, {PIXVERSE_TEST_NET: net, PIXVERSE_TEST_GUARD_LOG: log})
    expect(printed).to.equal('203.0.113.10 203.0.113.10 ENOTFOUND ENOTFOUND EPERM')
    const recorded = readFileSync(log, 'utf8')
    expect(recorded)
      .to.match(/lookup example\.com/)
      .and.match(/lookup example\.org/)
      .and.match(/93\.184\.215\.14:443/)
    expect(recorded).not.to.match(/app-api/)
  })
})
