import {expect} from 'chai'
import {spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {BIN, ROOT} from '../helpers/cli.js'

const HEAVY = [
  '/node_modules/got/',
  '/dist/vendor/got.js',
  '/node_modules/ajv/',
  '/node_modules/inquirer/',
  '/node_modules/@inquirer/',
  '/node_modules/listr2/',
  '/node_modules/sharp/',
]

function loadedModules(
  args: string[],
  env: Record<string, string> = {},
): {urls: string[]; stdout: string; status: number | null} {
  const file = join(mkdtempSync(join(tmpdir(), 'pixverse-spy-')), 'imports.txt')
  const result = spawnSync(process.execPath, ['--import', join(ROOT, 'test/helpers/import-spy.mjs'), BIN, ...args], {
    env: {PATH: process.env.PATH, HOME: process.env.HOME, IMPORT_SPY_FILE: file, ...env},
    encoding: 'utf8',
  })
  let urls: string[] = []
  try {
    urls = readFileSync(file, 'utf8').split('\n').filter(Boolean)
  } catch {
    // nothing was resolved after the spy registered
  }

  return {urls, stdout: result.stdout, status: result.status}
}

describe('start-up stays light', function () {
  it('--version prints the bare version without loading oclif commands or heavy modules', function () {
    const {urls, stdout, status} = loadedModules(['--version'])
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
    expect(status).to.equal(0)
    expect(stdout.trim()).to.equal(pkg.version)
    expect(urls.filter((url) => HEAVY.some((heavy) => url.includes(heavy)))).to.deep.equal([])
  })

  it('create video --help is served from the manifest without got, ajv, inquirer or listr2', function () {
    const {urls, stdout, status} = loadedModules(['create', 'video', '--help'])
    expect(status).to.equal(0)
    expect(stdout).to.include('--prompt')
    expect(urls.length).to.be.greaterThan(0)
    expect(urls.filter((url) => HEAVY.some((heavy) => url.includes(heavy)))).to.deep.equal([])
    expect(urls.some((url) => url.includes('/dist/commands/'))).to.equal(false)
  })

  it("a create sends its request with the bundled got, without loading ajv's compiler, inquirer, listr2 or sharp", async function () {
    const {startSandboxProcess, cliFor, login} = await import('../helpers/sandbox.js')
    const sandbox = await startSandboxProcess()
    try {
      const cli = cliFor(sandbox)
      await login(cli)
      const {urls, stdout, status} = loadedModules(['create', 'video', '--prompt', 'x', '--no-wait', '--json'], {
        PIXVERSE_HOME: cli.home,
        PIXVERSE_API_BASE: sandbox.url,
        CI: '1',
      })
      expect(status, stdout).to.equal(0)
      expect(JSON.parse(stdout).status).to.equal('submitted')
      // got comes from the one-file bundle made at build time, not from its ~60 modules.
      expect(urls.some((url) => url.endsWith('/dist/vendor/got.js'))).to.equal(true)
      expect(urls.filter((url) => url.includes('/node_modules/got/'))).to.deep.equal([])
      const heavy = [
        '/node_modules/ajv/dist/compile/',
        '/node_modules/ajv/dist/core.js',
        '/node_modules/@inquirer/',
        '/node_modules/listr2/',
        '/node_modules/sharp/',
      ]
      expect(urls.filter((url) => heavy.some((h) => url.includes(h)))).to.deep.equal([])
    } finally {
      await sandbox.stop()
    }
  })

  it('the shipped manifest lists every command', function () {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8'))
    expect(Object.keys(manifest.commands)).to.include.members([
      'auth:login',
      'create:video',
      'task:wait',
      'asset:download',
      'sandbox:serve',
    ])
  })
})
