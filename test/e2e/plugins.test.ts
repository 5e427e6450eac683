import {expect} from 'chai'
import {cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {ROOT} from '../helpers/cli.js'
import {bashScriptIn, complete} from '../helpers/completion.js'
import {isolatedOclifDirs} from '../helpers/oclif-dirs.js'
import {cliFor, login, useSandbox} from '../helpers/sandbox.js'

const PLUGIN = join(ROOT, 'examples', 'plugin-hello')

/** "Builds" the plain-JS example: its only dependency is this package, linked like npm's file: dep. */
function buildExamplePlugin(): void {
  const link = join(PLUGIN, 'node_modules', 'pixverse')
  if (existsSync(link)) return
  mkdirSync(join(PLUGIN, 'node_modules'), {recursive: true})
  symlinkSync(ROOT, link, 'dir')
}

describe('third-party plugins: the example plugin', function () {
  // Only the sandbox is shared: each test binds its own CLI, with a fresh home and oclif folders.
  const ctx = useSandbox({login: false})
  before(() => buildExamplePlugin())

  it('links, runs its command against the sandbox, hears task-finished, unlinks, and leaves pixverse unchanged', async function () {
    const dirs = isolatedOclifDirs()
    const log = join(mkdtempSync(join(tmpdir(), 'pixverse-hello-')), 'finished.log')
    const cli = cliFor(ctx.sandbox, undefined, {...dirs, PIXVERSE_HELLO_LOG: log})
    await login(cli)

    const commandsOf = async () =>
      (await cli(['capabilities', '--json'])).json<{commands: Array<{id: string}>}>().commands.map((c) => c.id)
    const before = await commandsOf()
    expect(before).to.not.include('hello credits')

    const completion = await cli(['autocomplete', '--refresh-cache'])
    expect(completion.exitCode, completion.stderr).to.equal(0)
    const script = bashScriptIn(dirs.PIXVERSE_CACHE_DIR)
    expect(complete(script, ['pixverse', 'he'])).to.deep.equal(['help'])

    const linked = await cli(['plugins', 'link', PLUGIN, '--no-install'])
    expect(linked.exitCode, linked.stderr).to.equal(0)
    // Completion learns the plugin's topic and flags (the cache is refreshed after a link).
    expect(complete(script, ['pixverse', 'hello', ''])).to.deep.equal(['credits'])
    expect(complete(script, ['pixverse', 'hello', 'credits', '--to'])).to.deep.equal(['--total'])
    expect(readFileSync(join(dirs.PIXVERSE_DATA_DIR, 'package.json'), 'utf8')).to.include('pixverse-plugin-hello')
    expect(await commandsOf()).to.include('hello credits')

    // Its command goes through the core API client: JSON on stdout, the request in the sandbox log.
    await ctx.sandbox.clearRequests()
    const credits = await cli(['hello', 'credits', '--json'])
    expect(credits.exitCode, credits.stderr).to.equal(0)
    const first = credits.json<{total: number; daily: number; monthly: number; bonus: number}>()
    expect(first.total).to.equal(first.daily + first.monthly + first.bonus)
    expect((await ctx.sandbox.requests()).map((r) => r.path)).to.satisfy((paths: string[]) =>
      paths.some((p) => p.endsWith('/user/credits')),
    )

    // Its hook hears the core event, from `create` and from `task wait`.
    const created = await cli(['create', 'video', '--prompt', 'a plugin test', '--json'])
    expect(created.exitCode, created.stderr).to.equal(0)
    const {video_id: id, cost_credits: cost} = created.json<{video_id: number; cost_credits?: number}>()
    await cli(['task', 'wait', String(id), '--json'])
    expect(readFileSync(log, 'utf8').trim().split('\n')).to.deep.equal([
      `video ${id} completed 1`,
      `video ${id} completed 1`,
    ])

    // The plugin's view of the account moves with the core's: the create was charged.
    const after = (await cli(['hello', 'credits', '--json'])).json<{total: number}>()
    expect(first.total - after.total).to.equal(cost ?? 0)

    // A failed task is finished too: the listener hears it before the exit 5, from both paths.
    const failing = await cli(['create', 'video', '--prompt', 'a plugin test [sandbox:fail]', '--no-wait', '--json'])
    const failedId = failing.json<{video_id: number}>().video_id
    expect((await cli(['task', 'wait', String(failedId), '--json'])).exitCode).to.equal(5)
    const waitedFail = await cli(['create', 'video', '--prompt', 'another [sandbox:fail]', '--json'])
    expect(waitedFail.exitCode).to.equal(5)
    const lines = readFileSync(log, 'utf8').trim().split('\n')
    expect(lines.slice(2, 3)).to.deep.equal([`video ${failedId} failed 8`])
    expect(lines[3]).to.match(/^video \d+ failed 8$/)

    // Logged out, the plugin command inherits the core's exit 3 before any request.
    const anonymous = cliFor(ctx.sandbox, undefined, dirs)
    const refused = await anonymous(['hello', 'credits', '--json'])
    expect(refused.exitCode).to.equal(3)

    const unlinked = await cli(['plugins', 'unlink', 'pixverse-plugin-hello'])
    expect(unlinked.exitCode, unlinked.stderr).to.equal(0)
    expect(await commandsOf()).to.deep.equal(before)
    expect(JSON.parse(readFileSync(join(dirs.PIXVERSE_DATA_DIR, 'package.json'), 'utf8')).oclif.plugins).to.deep.equal(
      [],
    )
    expect(complete(script, ['pixverse', 'he'])).to.deep.equal(['help'])
    const gone = await cli(['hello', 'credits', '--json'])
    expect(gone.exitCode).to.equal(6)
  })

  it('a typo suggests the right command and exits 6 without prompting', async function () {
    const cli = cliFor(ctx.sandbox, undefined, isolatedOclifDirs())
    const result = await cli(['creat', 'video'])
    expect(result.exitCode).to.equal(6)
    expect(result.stdout).to.equal('')
    expect(result.stderr).to.include('error Unknown command: pixverse creat video')
    expect(result.stderr).to.include('Did you mean `pixverse create video`?')
  })

  it('plugins install takes a local folder (an absolute path is not a GitHub repo)', async function () {
    const folder = join(mkdtempSync(join(tmpdir(), 'pixverse-local-plugin-')), 'greet')
    mkdirSync(join(folder, 'commands', 'greet'), {recursive: true})
    // No dependencies, so npm links the folder without asking a registry.
    writeFileSync(
      join(folder, 'package.json'),
      JSON.stringify({
        name: 'pixverse-plugin-greet',
        version: '0.0.1',
        type: 'module',
        oclif: {commands: './commands', topicSeparator: ' '},
      }),
    )
    writeFileSync(
      join(folder, 'commands', 'greet', 'hi.js'),
      "export default class Hi {\n  static description = 'Say hi.'\n  static async run() {\n    process.stdout.write('hi from a local plugin\\n')\n  }\n}\n",
    )
    const cli = cliFor(ctx.sandbox, undefined, isolatedOclifDirs())
    const installed = await cli(['plugins', 'install', folder], {timeoutMs: 120_000})
    expect(installed.exitCode, installed.stderr).to.equal(0)
    expect(installed.stderr).to.match(/Installing plugin \S*file:/)
    const hi = await cli(['greet', 'hi'])
    expect(hi.stdout).to.equal('hi from a local plugin\n')
  })

  it("plugins link fails (exit 1) when the plugin's commands cannot load", async function () {
    // The example without its node_modules: `import … from 'pixverse'` cannot resolve.
    const copy = join(mkdtempSync(join(tmpdir(), 'pixverse-broken-plugin-')), 'plugin-hello')
    cpSync(PLUGIN, copy, {recursive: true, dereference: false})
    rmSync(join(copy, 'node_modules'), {recursive: true, force: true})
    const cli = cliFor(ctx.sandbox, undefined, isolatedOclifDirs())
    const linked = await cli(['plugins', 'link', copy, '--no-install'])
    expect(linked.exitCode).to.equal(1)
    expect(linked.stderr).to.include('The plugin was linked but its commands cannot load')
    expect(linked.stderr).to.match(/credits\.js: Cannot find package 'pixverse'/)
    expect(linked.stderr).to.include('plugins unlink pixverse-plugin-hello')
  })
})
