import {expect} from 'chai'

import {useSandbox} from '../helpers/sandbox.js'

type State = {charged_submits: number}

describe('voice and music: a lost answer says the creation may exist', function () {
  this.timeout(60_000)
  const ctx = useSandbox()

  afterEach(async function () {
    await ctx.sandbox.control('faults', {rules: []})
  })

  for (const [mode, endpoint, argv] of [
    ['voice', 'speech/tts/generate', ['create', 'voice', '--text', 'hello there', '--voice-id', 'v1']],
    ['music', 'music/generate', ['create', 'music', '--prompt', 'a calm piano', '--instrumental']],
  ] as const) {
    it(`create ${mode}: charged, answer lost → exit 1 naming the risk and \`asset list --type audio\`, sent once`, async function () {
      const before = (await ctx.sandbox.state()) as State
      await ctx.sandbox.control('faults', {rules: [{endpoint, kind: 'reset-after-body', count: 1}]})
      await ctx.sandbox.clearRequests()
      const result = await ctx.cli([...argv, '--json'])
      expect(result.exitCode, result.stderr).to.equal(1)
      const error = result.errorJson()
      expect(String(error.error)).to.include('may have been created')
      expect(String(error.hint)).to.include('asset list --type audio')
      const sent = (await ctx.sandbox.requests()).filter((r) => r.path.endsWith(endpoint))
      expect(sent, 'never repeated without a key').to.have.length(1)
      const after = (await ctx.sandbox.state()) as State
      expect(after.charged_submits - before.charged_submits, 'the lost answer was a paid creation').to.equal(1)
    })
  }
})
