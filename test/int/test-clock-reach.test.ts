import {expect} from 'chai'

import {useSandbox} from '../helpers/sandbox.js'
import {useTestClock} from '../helpers/test-clock.js'

/**
 * The in-process runner's promise: the command classes share the test's modules, so the clock a test
 * installs is the one their polls sleep on. (Were the commands loaded from dist/, or the test's
 * src/ modules a second, CommonJS copy, every "skipped" poll would cost real seconds.)
 */
describe('the test clock reaches commands run in-process', function () {
  const ctx = useSandbox({inProcess: true})
  const time = useTestClock({realMsPerSecond: 50})

  it('a waiting create polls on the test clock, on the 2 s schedule (docs/protocol.md §4.2)', async function () {
    const before = time.clock.sleeps.length
    const result = await ctx.cli(['create', 'video', '--prompt', 'a poll on the test clock', '--json'])
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(time.clock.sleeps.slice(before), 'the polls slept on the test clock').to.include(2000)
  })

  it('a deadline is kept on the test clock: --timeout 1 on a 900 s task is exit 2 after one skipped second', async function () {
    const started = time.clock.now()
    const result = await ctx.cli([
      'create',
      'video',
      '--prompt',
      'slow [sandbox:seconds=900]',
      '--timeout',
      '1',
      '--json',
    ])
    expect(result.exitCode, result.stderr).to.equal(2)
    expect(time.clock.now() - started, 'test-clock time spent').to.be.at.least(1000)
  })
})
