import {expect} from 'chai'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {useSandbox} from '../helpers/sandbox.js'

/**
 * Values that used to slip through: an empty media input became a paid text-to-video, an empty key
 * turned deduplication off, a huge workspace id went out as `1e+23`, a huge timeout overflowed a timer.
 */
const CASES: Array<[string, string[], string]> = [
  ['an empty --image', ['create', 'video', '--prompt', 'x', '--image', ''], '--image'],
  ['an empty --image=', ['create', 'video', '--prompt', 'x', '--image='], '--image'],
  ['an empty --idempotency-key', ['create', 'video', '--prompt', 'x', '--idempotency-key', ''], '--idempotency-key'],
  ['an empty --voice-id', ['create', 'voice', '--text', 'x', '--voice-id', ''], '--voice-id'],
  ['an empty --video', ['create', 'extend', '--video', '', '--prompt', 'x'], '--video'],
  ['a workspace id past 2^53', ['account', 'info', '--workspace-id', '99999999999999999999999'], '--workspace-id'],
  ['a --timeout a timer cannot hold', ['task', 'wait', '390000000001', '--timeout', '2147484'], '--timeout'],
  [
    'a --poll-interval a timer cannot hold',
    ['task', 'wait', '390000000001', '--poll-interval', '2147484'],
    '--poll-interval',
  ],
]

describe('empty values and numbers out of range: exit 6 before any request', function () {
  this.timeout(90_000)
  const ctx = useSandbox()

  for (const [what, argv, flag] of CASES) {
    it(`${what} is exit 6 naming ${flag}, nothing sent`, async function () {
      await ctx.sandbox.clearRequests()
      const result = await ctx.cli([...argv, '--json'])
      expect(result.exitCode, result.stderr).to.equal(6)
      expect(String(result.errorJson().error)).to.include(flag)
      expect(await ctx.sandbox.requests()).to.deep.equal([])
    })
  }

  it('a batch row with an empty image is exit 6 naming its line, nothing sent', async function () {
    const dir = mkdtempSync(join(tmpdir(), 'pixverse-empty-'))
    const file = join(dir, 'rows.jsonl')
    writeFileSync(file, '{"mode":"video","prompt":"fine"}\n{"mode":"video","prompt":"x","image":""}\n')
    await ctx.sandbox.clearRequests()
    const result = await ctx.cli(['batch', 'run', file, '--json'])
    expect(result.exitCode, result.stderr).to.equal(6)
    expect(String(result.errorJson().error)).to.match(/line 2.*--image is empty/)
    expect(
      (await ctx.sandbox.requests()).filter((r) => /\/(video|image)\//.test(r.path)),
      'no creation sent',
    ).to.deep.equal([])
  })
})
