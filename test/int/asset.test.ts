import {expect} from 'chai'
import {join} from 'node:path'

import {ROOT} from '../helpers/cli.js'
import {useSandbox} from '../helpers/sandbox.js'
import {useTestClock} from '../helpers/test-clock.js'
import {apiPaths, expectSchema} from '../helpers/schema.js'

const media = (name: string) => join(ROOT, 'fixtures', 'media', name)

describe('asset list/upload/delete', function () {
  // In-process on a test clock: the subject is the commands, not the process.
  const ctx = useSandbox({inProcess: true})
  useTestClock({realMsPerSecond: 50})
  const videos: number[] = []

  before(async function () {
    for (const prompt of ['first', 'second', 'third']) {
      const result = await ctx.cli(['create', 'video', '--prompt', prompt, '--no-wait', '--json'])
      expect(result.exitCode, result.stderr).to.equal(0)
      videos.push(result.json<{video_id: number}>().video_id)
    }
  })

  it('lists created videos newest first and pages with has_more', async function () {
    const first = await ctx.cli(['asset', 'list', '--limit', '2', '--json'])
    expect(first.exitCode, first.stderr).to.equal(0)
    const page1 = first.json<{items: Array<{id: number; video_id: number}>; total: number; has_more: boolean}>()
    expectSchema('asset-list', page1)
    expect(page1).to.include({total: 3, page: 1, limit: 2, has_more: true})
    expect(page1.items.map((i) => i.id)).to.deep.equal([videos[2], videos[1]])
    expect(page1.items[0].video_id).to.equal(videos[2])
    const second = (await ctx.cli(['asset', 'list', '--limit', '2', '--page', '2', '--json'])).json<{
      items: Array<{id: number}>
      has_more: boolean
    }>()
    expectSchema('asset-list', second)
    expect(second.items.map((i) => i.id)).to.deep.equal([videos[0]])
    expect(second.has_more).to.equal(false)
    const body = (await ctx.sandbox.requests()).filter((r) => r.path.endsWith('asset/library/list')).at(-1)?.body
    expect(body).to.deep.equal({tab: 'video', asset_source: 1, folder_id: 0, offset: 2, limit: 2, filter: {}})
  })

  it('renders a table with only the result on stdout', async function () {
    const result = await ctx.cli(['asset', 'list', '--limit', '2'])
    expect(result.exitCode).to.equal(0)
    const lines = result.stdout.trim().split('\n')
    expect(lines[0]).to.match(/^ID\s+PROMPT\s+MODEL\s+CREATED_AT$/)
    expect(lines[1]).to.match(new RegExp(`^${videos[2]}\\s+third\\s+v6\\s`))
    expect(lines.at(-1)).to.equal('page 1 · 2 of 3 · next: --page 2')
    expect(result.stderr).to.equal('')
  })

  it('sends the off-peak filter and the audio body', async function () {
    await ctx.sandbox.clearRequests()
    expect((await ctx.cli(['asset', 'list', '--off-peak', '--json'])).exitCode).to.equal(0)
    const audio = await ctx.cli(['asset', 'list', '--type', 'audio', '--limit', '50', '--json'])
    expect(audio.exitCode, audio.stderr).to.equal(0)
    expectSchema('asset-list', audio.json())
    expect(audio.json()).to.have.property('next_offset', 0)
    const bodies = (await ctx.sandbox.requests())
      .filter((r) => r.path.endsWith('asset/library/list'))
      .map((r) => r.body)
    expect(bodies[0]).to.deep.include({filter: {off_peak: 1}})
    expect(bodies[1]).to.deep.equal({
      tab: 'audio',
      asset_source: 1,
      offset: 0,
      limit: 50,
      sort_field: 'created_at',
      sort_type: 'Desc',
    })
  })

  it('rejects bad list flags before any request (exit 6)', async function () {
    await ctx.sandbox.clearRequests()
    for (const args of [
      ['--limit', '0'],
      ['--limit', '101'],
      ['--page', '0'],
      ['--type', 'audio', '--limit', '51'],
      ['--off-peak', '--type', 'image'],
      ['--off-peak', '--source', 'upload'],
      ['--type', 'gif'],
    ]) {
      const result = await ctx.cli(['asset', 'list', ...args, '--json'])
      expect(result.exitCode, args.join(' ')).to.equal(6)
      expect(result.stdout).to.equal('')
    }

    expect((await ctx.cli(['asset', 'list', '--off-peak', '--type', 'image'])).stderr).to.match(
      /^error --off-peak works only with --type video --source create$/m,
    )
    expect(apiPaths(await ctx.sandbox.requests())).to.deep.equal([])
  })

  it('uploads an image and a video, which then appear as uploads', async function () {
    const image = await ctx.cli(['asset', 'upload', media('sample.png'), '--json'])
    expect(image.exitCode, image.stderr).to.equal(0)
    expectSchema('asset-upload', image.json())
    expect(image.json()).to.include({type: 'image'}).and.not.have.property('transform')
    const video = await ctx.cli(['asset', 'upload', media('sample.mp4'), '--json'])
    expect(video.exitCode, video.stderr).to.equal(0)
    const uploaded = video.json<{id: number; path: string; type: string}>()
    expectSchema('asset-upload', uploaded)
    expect(uploaded.type).to.equal('video')
    const list = (await ctx.cli(['asset', 'list', '--source', 'upload', '--json'])).json<{
      items: Array<{id: number; path: string}>
    }>()
    expect(list.items.map((i) => i.id)).to.deep.equal([uploaded.id])
    expect(list.items[0].path).to.equal(uploaded.path)
  })

  it('downscales a large image and reports the transform', async function () {
    const {default: sharp} = await import('sharp')
    const file = join(ctx.cli.home, 'wide.png')
    await sharp({create: {width: 2400, height: 1200, channels: 3, background: '#336699'}})
      .png()
      .toFile(file)
    const result = await ctx.cli(['asset', 'upload', file, '--json'])
    expect(result.exitCode, result.stderr).to.equal(0)
    const body = result.json<{transform: {to: {width: number; height: number}}}>()
    expectSchema('asset-upload', body)
    expect(body.transform.to).to.include({width: 1920, height: 960})
    const text = await ctx.cli(['asset', 'upload', file])
    expect(text.stdout).to.match(/^Uploaded image \d+ \([\d.]+ KB\): upload\/\S+\.png\n/)
    expect(text.stdout).to.include('  downscaled from 2400×1200 to 1920×960 first (your file is untouched)\n')
  })

  it('refuses bad upload inputs before any request', async function () {
    await ctx.sandbox.clearRequests()
    const missing = await ctx.cli(['asset', 'upload', './nope.png', '--json'])
    expect(missing.exitCode).to.equal(6)
    const http = await ctx.cli(['asset', 'upload', 'http://example.com/a.png', '--json'])
    expect(http.exitCode).to.equal(6)
    expect(http.errorJson().error).to.match(/Only HTTPS URLs are allowed/)
    const unknown = await ctx.cli(['asset', 'upload', 'https://example.com/file', '--json'])
    expect(unknown.exitCode).to.equal(6)
    const text = await ctx.cli(['asset', 'upload', join(ROOT, 'package.json'), '--json'])
    expect(text.exitCode).to.equal(6)
    expect(text.errorJson().error).to.match(/unsupported type "\.json"/)
    expect(apiPaths(await ctx.sandbox.requests())).to.deep.equal([])
  })

  it('deletes a created video (type detected) and it leaves the list', async function () {
    const result = await ctx.cli(['asset', 'delete', String(videos[0]), '--json'])
    expect(result.exitCode, result.stderr).to.equal(0)
    const body = result.json()
    expectSchema('asset-delete', body)
    expect(body).to.deep.equal({id: videos[0], asset_id: videos[0], type: 'video', source: 'create', deleted: true})
    const sent = (await ctx.sandbox.requests()).find((r) => r.path.endsWith('asset/library/delete'))?.body
    expect(sent).to.deep.equal({items: [{asset_id: videos[0], asset_type: 1, asset_source: 1, platform: 'web'}]})
    const list = (await ctx.cli(['asset', 'list', '--json'])).json<{items: Array<{id: number}>; total: number}>()
    expect(list.total).to.equal(2)
    expect(list.items.map((i) => i.id)).not.to.include(videos[0])
    const again = await ctx.cli(['asset', 'delete', String(videos[0]), '--json'])
    expect(again.exitCode).to.equal(1)
  })

  it('deletes an upload by its list id, which needs --type', async function () {
    const upload = (await ctx.cli(['asset', 'list', '--source', 'upload', '--type', 'image', '--json'])).json<{
      items: Array<{id: number}>
    }>().items[0]
    await ctx.sandbox.clearRequests()
    const noType = await ctx.cli(['asset', 'delete', String(upload.id), '--source', 'upload', '--json'])
    expect(noType.exitCode).to.equal(6)
    expect(noType.errorJson().error).to.equal('--type is required with --source upload (video | image | audio)')
    expect(apiPaths(await ctx.sandbox.requests())).to.deep.equal([])
    const human = await ctx.cli(['asset', 'delete', String(upload.id), '--source', 'upload', '--type', 'image'])
    expect(human.exitCode, human.stderr).to.equal(0)
    expect(human.stdout).to.equal(`Deleted image ${upload.id}\n`)
    const bad = await ctx.cli(['asset', 'delete', 'abc', '--json'])
    expect(bad.exitCode).to.equal(6)
  })
})
