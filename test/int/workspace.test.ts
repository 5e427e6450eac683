import {expect} from 'chai'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {useSandbox} from '../helpers/sandbox.js'
import {useTestClock} from '../helpers/test-clock.js'
import {apiPaths, expectSchema} from '../helpers/schema.js'

describe('workspace list/status/switch/manage and the fall back to personal', function () {
  // In-process on a test clock: the subject is the commands, not the process.
  const ctx = useSandbox({inProcess: true})
  useTestClock({realMsPerSecond: 50})
  const storedWorkspace = () => JSON.parse(readFileSync(join(ctx.cli.home, 'internal.json'), 'utf8')).activeWorkspaceId

  it('lists the team workspaces with the active one', async function () {
    const result = await ctx.cli(['workspace', 'list', '--json'])
    expect(result.exitCode, result.stderr).to.equal(0)
    const body = result.json<{activeWorkspaceId: number; workspaces: Array<{workspace_id: number}>}>()
    expectSchema('workspace-list', body)
    expect(body.activeWorkspaceId).to.equal(0)
    expect(body.workspaces.map((w) => w.workspace_id)).to.deep.equal([880001, 880002])
    const human = await ctx.cli(['workspace', 'list'])
    expect(human.stdout).to.match(/^ACTIVE\s+WORKSPACE_ID\s+NAME\s+ROLE\s+MEMBER_COUNT\n\*\s+0\s+Personal/)
    expect(human.stdout).to.match(/\nSwitch: pixverse workspace switch <workspace_id>\n$/)
  })

  it('switches, reports status and keeps the choice for later commands', async function () {
    const switched = await ctx.cli(['workspace', 'switch', '880001', '--json'])
    expect(switched.exitCode, switched.stderr).to.equal(0)
    expectSchema('workspace-switch', switched.json())
    expect(switched.json()).to.deep.equal({workspaceId: 880001, name: 'Sandbox Studio', role: 'owner'})
    expect(storedWorkspace()).to.equal(880001)
    const status = await ctx.cli(['workspace', 'status', '--json'])
    expectSchema('workspace-status', status.json())
    expect(status.json()).to.deep.equal({workspaceId: 880001, name: 'Sandbox Studio', role: 'owner', memberCount: 3})
    await ctx.sandbox.clearRequests()
    expect((await ctx.cli(['asset', 'list', '--json'])).exitCode).to.equal(0)
    const request = (await ctx.sandbox.requests()).find((r) => r.path.endsWith('asset/library/list'))
    expect(request?.headers['workspace-id']).to.equal('880001')
    const human = await ctx.cli(['workspace', 'status'])
    expect(human.stdout).to.equal('Sandbox Studio (880001), owner, 3 members\nAll of them: pixverse workspace list\n')
  })

  it('--workspace-id overrides for one command without being saved', async function () {
    const status = await ctx.cli(['--workspace-id', '0', 'workspace', 'status', '--json'])
    expect(status.json()).to.deep.equal({workspaceId: 0, name: 'Personal', role: null, memberCount: null})
    expect(storedWorkspace()).to.equal(880001)
    const bad = await ctx.cli(['--workspace-id', 'x', 'workspace', 'status', '--json'])
    expect(bad.exitCode).to.equal(6)
    expect(bad.errorJson().error).to.equal('Invalid --workspace-id. Must be a non-negative integer (0 = personal).')
  })

  it('refuses a missing or invalid id with exit 6 and no request', async function () {
    await ctx.sandbox.clearRequests()
    const missing = await ctx.cli(['workspace', 'switch', '--json'])
    expect(missing.exitCode).to.equal(6)
    expect(missing.errorJson().error).to.equal('Missing argument: workspace-id')
    const noTty = await ctx.cli(['workspace', 'switch'])
    expect(noTty.exitCode).to.equal(6)
    expect(noTty.stderr).to.match(/^error Missing argument: workspace-id$/m)
    for (const id of ['-1', 'abc', '1.5'])
      expect((await ctx.cli(['workspace', 'switch', id, '--json'])).exitCode, id).to.equal(6)
    expect(apiPaths(await ctx.sandbox.requests())).to.deep.equal([])
  })

  it('switching to a workspace you are not in is exit 1 and changes nothing', async function () {
    const result = await ctx.cli(['workspace', 'switch', '123', '--json'])
    expect(result.exitCode).to.equal(1)
    expect(result.errorJson().code).to.equal(500401)
    expect(storedWorkspace()).to.equal(880001)
  })

  it('losing access to the active workspace falls back to personal (exit 1), then commands work', async function () {
    await ctx.sandbox.control('workspace-membership', {workspace_id: 880001, member: false})
    const lost = await ctx.cli(['asset', 'list', '--json'])
    expect(lost.exitCode).to.equal(1)
    expect(lost.stdout).to.equal('')
    expect(lost.errorJson().error).to.match(/switched to personal workspace\. Please retry your command\.$/)
    expect(storedWorkspace()).to.equal(0)
    const retry = await ctx.cli(['asset', 'list', '--json'])
    expect(retry.exitCode, retry.stderr).to.equal(0)
    const list = (await ctx.cli(['workspace', 'list', '--json'])).json<{
      activeWorkspaceId: number
      workspaces: Array<{workspace_id: number}>
    }>()
    expect(list.activeWorkspaceId).to.equal(0)
    expect(list.workspaces.map((w) => w.workspace_id)).to.deep.equal([880002])
  })

  it('no fall back when the workspace was given with --workspace-id', async function () {
    const lost = await ctx.cli(['--workspace-id', '880001', 'asset', 'list', '--json'])
    expect(lost.exitCode).to.equal(1)
    expect(lost.errorJson().error).not.to.match(/switched to personal/)
    await ctx.cli(['workspace', 'switch', '880002', '--json'])
    const again = await ctx.cli(['--workspace-id', '880001', 'asset', 'list', '--json'])
    expect(again.exitCode).to.equal(1)
    expect(storedWorkspace()).to.equal(880002)
    await ctx.sandbox.control('workspace-membership', {workspace_id: 880001, member: true})
  })

  it('workspace manage prints the team page', async function () {
    const result = await ctx.cli(['workspace', 'manage', '--json'])
    expect(result.exitCode, result.stderr).to.equal(0)
    expectSchema('workspace-manage', result.json())
    expect(result.json()).to.deep.equal({success: true, url: `${ctx.sandbox.origin}/team`})
    const human = await ctx.cli(['workspace', 'manage'])
    expect(human.stdout).to.equal(`Team management: ${ctx.sandbox.origin}/team\n`)
  })
})
