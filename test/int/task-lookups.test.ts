import {expect} from 'chai'

import {useSandbox} from '../helpers/sandbox.js'
import {useTestClock} from '../helpers/test-clock.js'

/** `task status|wait` without --type: each id finds its own kind, and a miss names the id and the kinds tried. */
describe('task look-ups across kinds', function () {
  const ctx = useSandbox({inProcess: true})
  useTestClock({realMsPerSecond: 50})
  let video: string
  let image: string

  before(async function () {
    const made = await ctx.cli(['create', 'video', '--prompt', 'a cat', '--json'])
    expect(made.exitCode, made.stderr).to.equal(0)
    video = String(made.json<{video_id: number}>().video_id)
    const drawn = await ctx.cli(['create', 'image', '--prompt', 'a dog', '--no-wait', '--json'])
    expect(drawn.exitCode, drawn.stderr).to.equal(0)
    image = String(drawn.json<{image_id: number}>().image_id)
  })

  it('task wait finds an image id without --type', async function () {
    const waited = await ctx.cli(['task', 'wait', image, '--json'])
    expect(waited.exitCode, waited.stderr).to.equal(0)
    expect(waited.json()).to.include({id: Number(image), type: 'image', status: 'completed'})
  })

  it('task status of a video and an image finds each kind, in the order given', async function () {
    const both = await ctx.cli(['task', 'status', image, video, '--json'])
    expect(both.exitCode, both.stderr).to.equal(0)
    const map = both.json<Record<string, Record<string, unknown>>>()
    expect(map[video]).to.include({id: Number(video), type: 'video', status: 'Completed'})
    expect(map[image]).to.include({id: Number(image), type: 'image', status: 'Completed'})

    const text = await ctx.cli(['task', 'status', image, video])
    expect(text.exitCode, text.stderr).to.equal(0)
    const rows = text.stdout.split('\n').filter((line) => /^\d+\s/.test(line))
    expect(rows.map((row) => row.split(/\s+/).slice(0, 2))).to.deep.equal([
      [image, 'image'],
      [video, 'video'],
    ])
  })

  it('an id of no kind names the id and the kinds tried, and leaves the exit code 0 among others', async function () {
    const mixed = await ctx.cli(['task', 'status', video, '1', '--json'])
    expect(mixed.exitCode, mixed.stderr).to.equal(0)
    const map = mixed.json<Record<string, Record<string, unknown>>>()
    expect(map['1']).to.include({error: 'No video or image found with id 1', code: 400001})
    expect(map[video]).to.include({type: 'video'})

    const alone = await ctx.cli(['task', 'status', '1', '--json'])
    expect(alone.exitCode).to.equal(1)
    const error = JSON.parse(alone.stderr.trim().split('\n').at(-1)!) as Record<string, string>
    expect(error.error).to.equal('No video or image found with id 1')
    expect(error.hint).to.include('--type audio')

    const typed = await ctx.cli(['task', 'status', image, '--type', 'video', '--json'])
    expect(typed.exitCode).to.equal(1)
    expect(typed.stderr).to.include(`No video found with id ${image}`)
  })

  it('a failure that says nothing about the kind stops the search and decides the exit code', async function () {
    await ctx.sandbox.control('faults', {rules: [{endpoint: 'image/detail', kind: 'concurrency-limit', count: 1}]})
    try {
      await ctx.sandbox.clearRequests()
      const limited = await ctx.cli(['task', 'status', image, video, '--json'])
      expect(limited.exitCode, limited.stderr).to.equal(7)
      const map = limited.json<Record<string, Record<string, unknown>>>()
      expect(map[image]).to.include({code: 500044})
      expect(map[video]).to.include({type: 'video'})
    } finally {
      await ctx.sandbox.control('faults', {rules: []})
    }
  })

  it('a deadline that runs out while the kind is looked for is exit 2 naming the id', async function () {
    await ctx.sandbox.control('faults', {rules: [{endpoint: 'video/list/detail', kind: 'slow', delayMs: 3000}]})
    try {
      const result = await ctx.cli(['task', 'wait', image, '--timeout', '1', '--json'])
      expect(result.exitCode, result.stderr).to.equal(2)
      const error = JSON.parse(result.stderr.trim().split('\n').at(-1)!) as Record<string, unknown>
      expect(error).to.include({video_id: Number(image)})
      expect(error.hint).to.include('task wait')
    } finally {
      await ctx.sandbox.control('faults', {rules: []})
    }
  })
})
