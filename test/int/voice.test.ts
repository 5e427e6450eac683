import {expect} from 'chai'

import {useSandbox} from '../helpers/sandbox.js'
import {useTestClock} from '../helpers/test-clock.js'
import {apiPaths, expectSchema} from '../helpers/schema.js'

describe('voice models/presets and music models', function () {
  // In-process on a test clock: the subject is the commands, not the process.
  const ctx = useSandbox({inProcess: true})
  useTestClock({realMsPerSecond: 50})

  it('voice models lists providers and models', async function () {
    const result = await ctx.cli(['voice', 'models', '--json'])
    expect(result.exitCode, result.stderr).to.equal(0)
    const body = result.json<{default_model: string}>()
    expectSchema('voice-models', body)
    const human = await ctx.cli(['voice', 'models'])
    expect(human.stdout).to.match(new RegExp(`^  ${body.default_model.replace('.', '\\.')} \\(default\\)`, 'm'))
  })

  it('voice presets pages (max 10) and filters', async function () {
    const page1 = await ctx.cli(['voice', 'presets', '--page-size', '3', '--json'])
    expect(page1.exitCode, page1.stderr).to.equal(0)
    const body = page1.json<{
      voices: Array<{voice_id: string}>
      pagination: {page: number; total: number; total_pages: number}
    }>()
    expectSchema('voice-presets', body)
    expect(body.voices).to.have.length(3)
    expect(body.pagination.total_pages).to.equal(Math.ceil(body.pagination.total / 3))
    const page2 = (await ctx.cli(['voice', 'presets', '--page-size', '3', '--page', '2', '--json'])).json<{
      voices: Array<{voice_id: string}>
    }>()
    expect(page2.voices.map((v) => v.voice_id)).not.to.include.members(body.voices.map((v) => v.voice_id))
    const eleven = (
      await ctx.cli(['voice', 'presets', '--provider', 'elevenlabs', '--language', 'en', '--json'])
    ).json<{voices: Array<{provider: string}>}>()
    expect(eleven.voices.length).to.be.above(0)
    expect(eleven.voices.every((v) => v.provider === 'elevenlabs')).to.equal(true)
    const query = (await ctx.sandbox.requests())
      .filter((r) => r.path.endsWith('speech/tts/voices'))
      .at(-1) as unknown as {query: Record<string, string>}
    expect(query.query).to.include({provider: 'elevenlabs', language: 'en', page: '1', page_size: '10'})
    const human = await ctx.cli(['voice', 'presets', '--page-size', '2'])
    expect(human.stdout).to.match(/^VOICE_ID\s+DISPLAY_NAME\s+PROVIDER\s+GENDER\s+ACCENT\n/)
    expect(human.stdout.trim().split('\n').at(-1)).to.match(/^page 1 · 2 of \d+ · next: --page 2$/)
  })

  it('voice presets rejects bad paging and providers before any request', async function () {
    await ctx.sandbox.clearRequests()
    for (const args of [
      ['--page-size', '11'],
      ['--page-size', '0'],
      ['--page', '0'],
      ['--provider', 'acme'],
    ]) {
      expect((await ctx.cli(['voice', 'presets', ...args, '--json'])).exitCode, args.join(' ')).to.equal(6)
    }

    expect(apiPaths(await ctx.sandbox.requests())).to.deep.equal([])
  })

  it('music models lists providers and models', async function () {
    const result = await ctx.cli(['music', 'models', '--json'])
    expect(result.exitCode, result.stderr).to.equal(0)
    expectSchema('music-models', result.json())
    const human = await ctx.cli(['music', 'models'])
    expect(human.stdout).to.match(/^ {2}music-2\.6 \(default\) {2}10–240 s, lyrics/m)
    expect(human.stderr).to.equal('')
  })
})
