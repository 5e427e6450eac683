import {expect} from 'chai'

import {useSandbox} from '../helpers/sandbox.js'
import {useTestClock} from '../helpers/test-clock.js'
import {apiPaths, expectSchema} from '../helpers/schema.js'

describe('template categories/list/search/info', function () {
  // In-process on a test clock: the subject is the commands, not the process.
  const ctx = useSandbox({inProcess: true})
  useTestClock({realMsPerSecond: 50})

  it('lists the 6 categories', async function () {
    const result = await ctx.cli(['template', 'categories', '--json'])
    expect(result.exitCode, result.stderr).to.equal(0)
    const body = result.json<{categories: Array<{id: number; category_name: string}>}>()
    expectSchema('template-categories', body)
    expect(body.categories).to.have.length(6)
    const human = await ctx.cli(['template', 'categories'])
    expect(human.stdout.split('\n')[0]).to.match(/^ID\s+CATEGORY_NAME$/)
    expect(human.stdout).to.include(body.categories[0].category_name)
    expect(human.stdout).to.match(/\nTemplates in one: pixverse template list --category <id>\n$/)
    expect(human.stderr).to.equal('')
  })

  it('pages through all 36 templates without gaps or repeats', async function () {
    const seen: number[] = []
    for (let page = 1; page <= 4; page++) {
      const result = await ctx.cli(['template', 'list', '--limit', '10', '--page', String(page), '--json'])
      expect(result.exitCode, result.stderr).to.equal(0)
      const body = result.json<{items: Array<{template_id: number}>; total: number; page: number; limit: number}>()
      expectSchema('template-list', body)
      expect(body).to.include({total: 36, page, limit: 10})
      expect(body.items).to.have.length(page === 4 ? 6 : 10)
      seen.push(...body.items.map((i) => i.template_id))
    }

    expect(new Set(seen).size).to.equal(36)
    const last = (await ctx.sandbox.requests())
      .filter((r) => r.path.includes('content/template/list'))
      .at(-1) as unknown as {query: Record<string, string>}
    expect(last.query).to.include({offset: '30', limit: '10', primary_category: '3', platform: 'web'})
  })

  it('filters by category and renders a table with a paging footer', async function () {
    const categories = (await ctx.cli(['template', 'categories', '--json'])).json<{categories: Array<{id: number}>}>()
      .categories
    const result = await ctx.cli(['template', 'list', '--category', String(categories[1].id), '--json'])
    const body = result.json<{items: Array<{secondary_category_id: number}>; total: number}>()
    expect(body.total).to.be.above(0).and.below(36)
    expect(body.items.every((i) => i.secondary_category_id === categories[1].id)).to.equal(true)
    const human = await ctx.cli(['template', 'list', '--limit', '5'])
    expect(human.exitCode).to.equal(0)
    expect(human.stdout).to.match(/^TEMPLATE_ID\s+DISPLAY_NAME\s+KIND\n/)
    expect(human.stdout.trim().split('\n').slice(-2)).to.deep.equal([
      'page 1 · 5 of 36 · next: --page 2',
      'Details: pixverse template info <template_id>',
    ])
  })

  it('searches and shows one template', async function () {
    const found = await ctx.cli(['template', 'search', 'dance', '--json'])
    expect(found.exitCode, found.stderr).to.equal(0)
    const body = found.json<{items: Array<{template_id: number; display_name: string}>; total: number}>()
    expectSchema('template-search', body)
    expect(body.total).to.equal(body.items.length).and.be.above(0)
    const info = await ctx.cli(['template', 'info', String(body.items[0].template_id), '--json'])
    expect(info.exitCode, info.stderr).to.equal(0)
    expectSchema('template-info', info.json())
    expect(info.json()).to.include({template_id: body.items[0].template_id, display_name: body.items[0].display_name})
    const none = await ctx.cli(['template', 'search', 'zzzzunknown', '--json'])
    expect(none.json()).to.deep.equal({items: [], total: 0})
    const human = await ctx.cli(['template', 'search', 'dance'])
    expect(human.stdout).to.match(/\n\d+ found\nDetails: pixverse template info <template_id>\n$/)
    expect((await ctx.cli(['template', 'search', 'zzzzunknown'])).stdout).to.equal('(no match)\n0 found\n')
  })

  it('rejects bad paging and ids before any request (exit 6)', async function () {
    await ctx.sandbox.clearRequests()
    for (const args of [
      ['template', 'list', '--limit', '0'],
      ['template', 'list', '--limit', '101'],
      ['template', 'list', '--page', '0'],
      ['template', 'list', '--category', 'abc'],
      ['template', 'info', 'abc'],
      ['template', 'search', '  '],
    ]) {
      const result = await ctx.cli([...args, '--json'])
      expect(result.exitCode, args.join(' ')).to.equal(6)
      expect(result.stdout).to.equal('')
      expect(result.errorJson().exit_code).to.equal(6)
    }

    expect(apiPaths(await ctx.sandbox.requests())).to.deep.equal([])
  })

  it('a missing template is exit 1 with the service code', async function () {
    const result = await ctx.cli(['template', 'info', '999999', '--json'])
    expect(result.exitCode).to.equal(1)
    expect(result.errorJson()).to.include({code: 400001})
  })
})
