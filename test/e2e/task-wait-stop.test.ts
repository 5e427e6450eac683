import {expect} from 'chai'

import {useSandbox} from '../helpers/sandbox.js'

/** `task wait` without --type spends its first request finding the id's kind: a stop then still names the id. */
describe('task wait stopped while it looks for the kind', function () {
  const ctx = useSandbox()

  it('SIGTERM during the kind look-up exits 143 naming the id', async function () {
    const made = await ctx.cli([
      'create',
      'video',
      '--prompt',
      'waited for [sandbox:seconds=60]',
      '--no-wait',
      '--json',
    ])
    expect(made.exitCode, made.stderr).to.equal(0)
    const id = made.json<{video_id: number}>().video_id
    await ctx.sandbox.control('faults', {
      rules: [{endpoint: 'video/list/detail', kind: 'slow', delayMs: 2000, count: 1}],
    })
    try {
      const result = await ctx.cli(['task', 'wait', String(id), '--json'], {
        onSpawn(child) {
          const poll = setInterval(async () => {
            const summary = (await (await fetch(`${ctx.sandbox.origin}/_sandbox/faults`)).json()) as {
              injected: Record<string, number>
            }
            if ((summary.injected.slow ?? 0) > 0) {
              clearInterval(poll)
              child.kill('SIGTERM')
            }
          }, 50)
        },
      })
      expect(result.exitCode, result.stderr).to.equal(143)
      expect(result.errorJson()).to.include({video_id: id})
    } finally {
      await ctx.sandbox.control('faults', {rules: []})
    }
  })
})
