import {expect} from 'chai'

import {findLeaks, printSummary} from '../helpers/secrets-check.js'

/**
 * Meant to run last (named to sort last; the full suite also runs the same check in a root
 * afterAll hook, test/helpers/root-hooks.ts): everything the CLI printed during the suite is in the
 * transcript, and every token and access key any sandbox issued is in its state file. None may
 * appear in any output, nor in any sandbox request log.
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
