import {expect} from 'chai'
import {readFileSync, readdirSync} from 'node:fs'
import {join} from 'node:path'

import {ROOT} from '../helpers/cli.js'
import {useSandbox} from '../helpers/sandbox.js'
import {expectSchema} from '../helpers/schema.js'
import {useTestClock} from '../helpers/test-clock.js'

/** The committed result schemas of the commands that existed before these topics. */
describe('result schemas of auth, task, asset info/download, config and create video', function () {
  // In-process: a result's shape is the command's, not the process's; waits run on the test clock.
  const ctx = useSandbox({login: false, inProcess: true})
  useTestClock({realMsPerSecond: 50})

  const ok = async (args: string[]) => {
    const result = await ctx.cli([...args, '--json'])
    expect(result.exitCode, `${args.join(' ')}: ${result.stderr}`).to.equal(0)
    return result.json()
  }

  // `sandbox serve` (a server) and `autocomplete` (shell setup text) have no JSON result.
  it('every command of the manifest has a schema, and every schema a command', function () {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8')) as {
      commands: Record<string, unknown>
    }
    const commands = Object.keys(manifest.commands)
      .filter((id) => id !== 'sandbox:serve' && !id.startsWith('autocomplete'))
      .map((id) => id.replaceAll(':', '-'))
      .sort()
    const schemas = readdirSync(join(ROOT, 'schemas')).map((file) => file.replace(/\.json$/, ''))
    expect(
      commands.filter((id) => !schemas.includes(id)),
      'commands without a schema',
    ).to.deep.equal([])
    expect(
      schemas.filter((name) => !commands.includes(name)),
      'schemas without a command',
    ).to.deep.equal([])
  })

  it('auth login/status/logout', async function () {
    expectSchema('auth-login', await ok(['auth', 'login']))
    expectSchema('auth-status', await ok(['auth', 'status']))
  })

  it('create video (submitted and completed), task status/wait, asset info/download', async function () {
    const submitted = await ok(['create', 'video', '--prompt', 'schema check', '--no-wait'])
    expectSchema('create-video', submitted)
    const id = String(submitted.video_id)
    expectSchema('task-status', await ok(['task', 'status', id]))
    expectSchema('task-wait', await ok(['task', 'wait', id]))
    expectSchema('task-status', await ok(['task', 'status', '--ids', `${id},1`]))
    expectSchema('create-video', await ok(['create', 'video', '--prompt', 'schema check 2']))
    expectSchema('asset-info', await ok(['asset', 'info', id]))
    expectSchema('asset-download', await ok(['asset', 'download', id, '--dest', join(ctx.cli.home, 'dl')]))
  })

  it('config list/get/set/path/reset', async function () {
    expectSchema('config-set', await ok(['config', 'set', 'output-dir', ctx.cli.home]))
    expectSchema('config-get', await ok(['config', 'get', 'output-dir']))
    expectSchema('config-list', await ok(['config', 'list']))
    expectSchema('config-path', await ok(['config', 'path']))
    expectSchema('config-reset', await ok(['config', 'reset']))
  })

  it('auth logout', async function () {
    expectSchema('auth-logout', await ok(['auth', 'logout']))
  })
})
