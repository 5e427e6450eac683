import {expect} from 'chai'

import {runCli} from '../helpers/cli.js'
import {type CountingProxy, startCountingProxy} from '../../bench/lib/counting-proxy.js'
import {useSandbox} from '../helpers/sandbox.js'

describe('fan-out: many ids, a few connections', function () {
  this.timeout(120_000)
  const ctx = useSandbox()
  let proxy: CountingProxy

  before(async function () {
    proxy = await startCountingProxy(ctx.sandbox.url)
  })

  after(async function () {
    await proxy.close()
  })

  it('`task status` of 300 ids answers every id with at most 8 connections open at once', async function () {
    const created = await ctx.cli(['create', 'video', '--prompt', 'one of many', '--count', '4', '--no-wait', '--json'])
    const real = created.json<{video_ids: number[]}>().video_ids
    const ids = [...real, ...Array.from({length: 296}, (_, i) => 390_000_100_000 + i)]
    const result = await runCli(['task', 'status', '--ids', ids.join(','), '--json'], {
      env: {PIXVERSE_HOME: ctx.cli.home, PIXVERSE_API_BASE: proxy.url},
      timeoutMs: 100_000,
    })
    const doc = result.json<Record<string, {id?: number; error?: string}>>()
    expect(Object.keys(doc)).to.have.length(300)
    for (const id of real) expect(doc[String(id)].id, result.stdout.slice(0, 400)).to.equal(id)
    expect(proxy.peak(), 'connections open at once').to.be.at.most(8)
  })
})
