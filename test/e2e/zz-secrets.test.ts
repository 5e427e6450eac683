import {expect} from 'chai'

import {findLeaks, printSummary} from '../helpers/secrets-check.js'

/**
 * Everything the CLI printed is in the run's transcripts, and every token and access key any sandbox
 * issued is in its state file: none may appear in any output, nor in any sandbox request log. Named
 * to sort last, so a serial run checks what the files before it printed; the run-wide check, after
 * every file of a serial or parallel run, is the global teardown's (test/helpers/global-fixtures.ts).
 */
describe('zz: no secret reached any output (runs last)', function () {
  it('no issued token or access key appears in the CLI transcript or the sandbox request logs', function () {
    const {leaks, secrets, transcriptBytes} = findLeaks()
    if (secrets === 0) this.skip() // run alone: no other test issued a token
    expect(transcriptBytes, 'the transcript recorded the suite').to.be.greaterThan(0)
    expect(leaks, leaks.join('\n')).to.deep.equal([])
  })

  after(function () {
    if (!process.env.PIXVERSE_ROOT_HOOKS) printSummary()
  })
})
