import {expect} from 'chai'
import {mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {runCli, tempHome} from '../helpers/cli.js'
import {runCommand} from '../helpers/run-command.js'

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
      expect(readFileSync(log, 'utf8')).to.match(/-> app-api\.pixverse\.ai:443/)
    })
  }
})
