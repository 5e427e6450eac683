import {expect} from 'chai'
import {chmodSync, existsSync, mkdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {tempHome} from '../helpers/cli.js'
import {cliFor, useSandbox} from '../helpers/sandbox.js'
import {useTestClock} from '../helpers/test-clock.js'
import {apiPaths, expectSchema} from '../helpers/schema.js'

describe('account info/usage/slots and subscribe', function () {
  // In-process on a test clock: the subject is the commands, not the process.
  const ctx = useSandbox({inProcess: true})
  useTestClock({realMsPerSecond: 50})

  before(async function () {
    await ctx.sandbox.configure({credits: {daily: 50, monthly: 1000, package: 200}})
    for (const prompt of ['a', 'b', 'c'])
      expect((await ctx.cli(['create', 'video', '--prompt', prompt, '--no-wait', '--json'])).exitCode).to.equal(0)
  })

  it('refuses locally with exit 3 when nobody is logged in', async function () {
    const anonymous = cliFor(ctx.sandbox, tempHome(), {}, ctx.cli.runner)
    await ctx.sandbox.clearRequests()
    for (const args of [
      ['account', 'info'],
      ['account', 'usage'],
      ['account', 'slots'],
      ['workspace', 'list'],
      ['workspace', 'status'],
      ['workspace', 'switch', '0'],
    ]) {
      const result = await anonymous([...args, '--json'])
      expect(result.exitCode, args.join(' ')).to.equal(3)
      expect(result.stdout).to.equal('')
      expect(result.errorJson().error).to.equal('Not logged in')
    }

    expect(apiPaths(await ctx.sandbox.requests())).to.deep.equal([])
  })

  it('account info in the personal workspace', async function () {
    const result = await ctx.cli(['account', 'info', '--json'])
    expect(result.exitCode, result.stderr).to.equal(0)
    const body = result.json<Record<string, any>>()
    expectSchema('account-info', body)
    const spent = 50 + 1000 + 200 - body.credits.total
    expect(spent).to.be.above(0)
    expect(body.credits).to.include({used: null})
    expect(body.credits.daily + body.credits.membership + body.credits.bonus).to.equal(body.credits.total)
    expect(body).to.include({email: 'sandbox@example.com', memberType: 2, memberLabel: 'Pro'})
    expect(body.workspace).to.include({workspaceId: 0, name: 'Personal'})
    const human = await ctx.cli(['account', 'info'])
    expect(human.stdout).to.match(/^Account {4}Sandbox User <sandbox@example\.com>/)
    expect(human.stdout).to.include(`Credits    ${body.credits.total} (daily`)
    expect(human.stdout).to.match(/\nCredit history: pixverse account usage\n$/)
    expect(human.stderr).to.equal('')
  })

  it('account info in a team workspace: pool credits, personal breakdown null', async function () {
    const result = await ctx.cli(['--workspace-id', '880002', 'account', 'info', '--json'])
    expect(result.exitCode, result.stderr).to.equal(0)
    const body = result.json<Record<string, any>>()
    expectSchema('account-info', body)
    expect(body.credits).to.include({daily: null, membership: null, bonus: null, total: 120000, used: 0})
    expect(body.workspace).to.deep.equal({
      workspaceId: 880002,
      name: 'Partner Agency',
      role: 'member',
      memberType: 3,
      memberLabel: 'Premium',
      memberCount: 8,
      seats: 10,
    })
  })

  it('account usage pages personal records and filters by type', async function () {
    const all = await ctx.cli(['account', 'usage', '--limit', '2', '--json'])
    expect(all.exitCode, all.stderr).to.equal(0)
    const body = all.json<{total: number; items: Array<{type: string; amount: number}>}>()
    expectSchema('account-usage', body)
    expect(body.total).to.equal(4)
    expect(body.items).to.have.length(2)
    const page2 = (await ctx.cli(['account', 'usage', '--limit', '2', '--page', '2', '--json'])).json<{
      items: unknown[]
    }>()
    expect(page2.items).to.have.length(2)
    expect(page2.items).not.to.deep.include(body.items[0])
    const used = (await ctx.cli(['account', 'usage', '--type', 'used', '--json'])).json<{
      total: number
      items: Array<{type: string; amount: number}>
    }>()
    expect(used.total).to.equal(3)
    expect(used.items.every((i) => i.type === 'used' && i.amount < 0)).to.equal(true)
    const earned = (await ctx.cli(['account', 'usage', '--type', 'earned', '--json'])).json<{
      items: Array<{type: string; description: string}>
    }>()
    expect(earned.items).to.have.length(1)
    expect(earned.items[0]).to.include({type: 'earned', description: 'Renewal'})
    const sent = (await ctx.sandbox.requests())
      .filter((r) => r.path.endsWith('user/credits/records/v2'))
      .map((r) => r.body)
    expect(sent).to.deep.include({Offset: 2, Limit: 2, type: 0})
    expect(sent).to.deep.include({Offset: 0, Limit: 20, type: 2})
  })

  it('account usage in a team workspace: team items, --type refused with exit 6', async function () {
    const team = await ctx.cli(['--workspace-id', '880001', 'account', 'usage', '--json'])
    expect(team.exitCode, team.stderr).to.equal(0)
    expectSchema('account-usage', team.json())
    await ctx.sandbox.clearRequests()
    const refused = await ctx.cli(['--workspace-id', '880001', 'account', 'usage', '--type', 'used', '--json'])
    expect(refused.exitCode).to.equal(6)
    expect(refused.errorJson().error).to.match(/only available in the personal workspace/)
    expect(apiPaths(await ctx.sandbox.requests())).to.deep.equal([])
  })

  it('account usage rejects bad paging before any request', async function () {
    await ctx.sandbox.clearRequests()
    for (const args of [
      ['--limit', '0'],
      ['--limit', '101'],
      ['--page', '-1'],
      ['--type', 'spent'],
    ]) {
      expect((await ctx.cli(['account', 'usage', ...args, '--json'])).exitCode, args.join(' ')).to.equal(6)
    }

    expect(apiPaths(await ctx.sandbox.requests())).to.deep.equal([])
  })

  it('account slots shows the concurrency of video and image', async function () {
    const result = await ctx.cli(['account', 'slots', '--json'])
    expect(result.exitCode, result.stderr).to.equal(0)
    const body = result.json<Record<string, any>>()
    expectSchema('account-slots', body)
    expect(body.video).to.include({limit: 5})
    const human = await ctx.cli(['account', 'slots'])
    expect(human.stdout).to.match(/^video {2}\d+\/5 used, \d+ free\nimage {2}\d+\/5 used, \d+ free\n$/)
  })

  it('subscribe prints the URL and never opens a browser without a person at a terminal', async function () {
    const bin = join(ctx.cli.home, 'fake-bin')
    const marker = join(ctx.cli.home, 'browser-opened')
    mkdirSync(bin, {recursive: true})
    for (const name of ['xdg-open', 'open']) {
      writeFileSync(join(bin, name), `#!/bin/sh\necho "$@" > ${marker}\n`)
      chmodSync(join(bin, name), 0o755)
    }

    const env = {PATH: `${bin}:${process.env.PATH}`}
    const json = await ctx.cli(['subscribe', '--json'], {env})
    expect(json.exitCode, json.stderr).to.equal(0)
    expectSchema('subscribe', json.json())
    expect(json.json<{url: string}>().url).to.equal(`${ctx.sandbox.origin}/subscribe`)
    const human = await ctx.cli(['subscribe'], {env: {...env, CI: undefined}})
    expect(human.stdout).to.equal(`Subscription page: ${ctx.sandbox.origin}/subscribe\n`)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(existsSync(marker)).to.equal(false)
  })

  it('subscribe in a team workspace is exit 6 pointing to workspace manage', async function () {
    const result = await ctx.cli(['--workspace-id', '880001', 'subscribe', '--json'])
    expect(result.exitCode).to.equal(6)
    expect(result.errorJson().hint).to.match(/workspace manage/)
  })
})
