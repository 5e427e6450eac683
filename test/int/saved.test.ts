import {expect} from 'chai'

import {useSandbox} from '../helpers/sandbox.js'
import {useTestClock} from '../helpers/test-clock.js'
import {apiPaths, expectSchema} from '../helpers/schema.js'

describe('saved folders', function () {
  // In-process on a test clock: the subject is the commands, not the process.
  const ctx = useSandbox({inProcess: true})
  useTestClock({realMsPerSecond: 50})
  const videos: number[] = []
  let folder: number

  before(async function () {
    for (const prompt of ['one', 'two', 'three'])
      videos.push(
        (await ctx.cli(['create', 'video', '--prompt', prompt, '--no-wait', '--json'])).json<{video_id: number}>()
          .video_id,
      )
  })

  it('lists the default folder as "default"', async function () {
    const result = await ctx.cli(['saved', 'list', '--json'])
    expect(result.exitCode, result.stderr).to.equal(0)
    const body = result.json<{folders: Array<Record<string, unknown>>; total: number}>()
    expectSchema('saved-list', body)
    expect(body.folders).to.have.length(1)
    expect(body.folders[0]).to.include({folder_id: 666666, folder_label: 'default', asset_count: 0})
  })

  it('creates, renames and fills a folder, and pages its items', async function () {
    const created = await ctx.cli(['saved', 'new', 'Client A', '--json'])
    expect(created.exitCode, created.stderr).to.equal(0)
    expectSchema('saved-new', created.json())
    folder = created.json<{folder_id: number}>().folder_id
    expect(created.json()).to.include({name: 'Client A', folder_label: String(folder)})
    const renamed = await ctx.cli(['saved', 'rename', String(folder), 'Client B', '--json'])
    expectSchema('saved-rename', renamed.json())
    expect(renamed.json()).to.deep.equal({
      folder_id: folder,
      folder_label: String(folder),
      name: 'Client B',
      renamed: true,
    })
    const added = await ctx.cli([
      'saved',
      'add',
      ...videos.map(String),
      '--type',
      'video',
      '--folder',
      String(folder),
      '--json',
    ])
    expect(added.exitCode, added.stderr).to.equal(0)
    expectSchema('saved-add', added.json())
    expect(added.json()).to.deep.equal({folder_id: folder, folder_label: String(folder), added: videos})
    const sent = (await ctx.sandbox.requests()).find((r) => r.path.endsWith('asset/folder/item/add'))?.body as {
      items: unknown[]
    }
    expect(sent.items[0]).to.deep.equal({asset_id: videos[0], asset_type: 1, asset_source: 1, folder_id: folder})
    const page1 = await ctx.cli(['saved', 'items', String(folder), '--limit', '2', '--json'])
    expectSchema('saved-items', page1.json())
    expect(page1.json()).to.include({total: 3, page: 1, limit: 2, has_more: true})
    const page2 = (await ctx.cli(['saved', 'items', String(folder), '--limit', '2', '--page', '2', '--json'])).json<{
      items: Array<{id: number}>
      has_more: boolean
    }>()
    expect(page2.items).to.have.length(1)
    expect(page2.has_more).to.equal(false)
    const images = (await ctx.cli(['saved', 'items', String(folder), '--type', 'image', '--json'])).json<{
      total: number
    }>()
    expect(images.total).to.equal(0)
    const human = await ctx.cli(['saved', 'list'])
    expect(human.stdout).to.match(/^FOLDER\s+NAME\s+ASSETS\s+CREATED_AT\n/)
    expect(human.stdout).to.match(new RegExp(`${folder}\\s+Client B\\s+3\\s`))
    expect(human.stdout).to.match(/\nOpen one: pixverse saved items <folder>\n$/)
  })

  it('removes items and the default folder is the default target', async function () {
    const removed = await ctx.cli([
      'saved',
      'remove',
      String(videos[0]),
      '--type',
      'video',
      '--folder',
      String(folder),
      '--json',
    ])
    expectSchema('saved-remove', removed.json())
    expect(removed.json()).to.deep.equal({folder_id: folder, folder_label: String(folder), removed: [videos[0]]})
    const toDefault = await ctx.cli(['saved', 'add', String(videos[1]), '--type', 'video'])
    expect(toDefault.exitCode, toDefault.stderr).to.equal(0)
    expect(toDefault.stdout).to.equal(`Added ${videos[1]} to folder default\n`)
    const items = (await ctx.cli(['saved', 'items', '--json'])).json<{
      folder_label: string
      items: Array<{id: number}>
    }>()
    expect(items.folder_label).to.equal('default')
    expect(items.items.map((i) => i.id)).to.deep.equal([videos[1]])
  })

  it('refuses bad input before any request (exit 6)', async function () {
    await ctx.sandbox.clearRequests()
    const cases: Array<[string[], RegExp]> = [
      [['saved', 'add', String(videos[0])], /^--type is required \(video \| image\)$/],
      [['saved', 'remove', String(videos[0])], /^--type is required \(video \| image\)$/],
      [['saved', 'add', '--type', 'video'], /asset id is required/],
      [['saved', 'add', 'abc', '--type', 'video'], /must be a positive integer/],
      [['saved', 'rename', 'default', 'X'], /^The default folder cannot be renamed$/],
      [['saved', 'rename', '666666', 'X'], /^The default folder cannot be renamed$/],
      [['saved', 'delete', 'default'], /^The default folder cannot be deleted$/],
      [['saved', 'delete', '0'], /must be a positive integer or "default"/],
      [['saved', 'items', 'x'], /must be a positive integer or "default"/],
      [['saved', 'items', '--limit', '0'], /./],
      [['saved', 'new', ' '], /empty/],
    ]
    for (const [args, message] of cases) {
      const result = await ctx.cli([...args, '--json'])
      expect(result.exitCode, args.join(' ')).to.equal(6)
      expect(result.errorJson().error, args.join(' ')).to.match(message)
    }

    expect(apiPaths(await ctx.sandbox.requests())).to.deep.equal([])
  })

  it('deletes a folder', async function () {
    const result = await ctx.cli(['saved', 'delete', String(folder), '--json'])
    expect(result.exitCode, result.stderr).to.equal(0)
    expectSchema('saved-delete', result.json())
    expect(result.json()).to.deep.equal({folder_id: folder, folder_label: String(folder), deleted: true})
    const list = (await ctx.cli(['saved', 'list', '--json'])).json<{total: number}>()
    expect(list.total).to.equal(1)
    const gone = await ctx.cli(['saved', 'delete', String(folder), '--json'])
    expect(gone.exitCode).to.equal(1)
  })
})
