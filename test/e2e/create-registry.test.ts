import {expect} from 'chai'
import {spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync, readdirSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {BIN, ROOT} from '../helpers/cli.js'

const HEAVY = [
  '/node_modules/got/',
  '/node_modules/ajv/',
  '/node_modules/@inquirer/',
  '/node_modules/listr2/',
  '/node_modules/sharp/',
]

function spy(args: string[]): {urls: string[]; stdout: string; status: number | null} {
  const file = join(mkdtempSync(join(tmpdir(), 'pixverse-spy-')), 'imports.txt')
  const result = spawnSync(process.execPath, ['--import', join(ROOT, 'test/helpers/import-spy.mjs'), ...args], {
    env: {PATH: process.env.PATH, HOME: process.env.HOME, IMPORT_SPY_FILE: file},
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

describe('create: the registry of creation modes', function () {
  const commands = readdirSync(join(ROOT, 'src/commands/create'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.replace(/\.ts$/, ''))
    .sort()

  it('has one spec per `create` command, keyed by the command name', async function () {
    const {creations} = await import('../../src/creations/index.js')
    expect(Object.keys(creations).sort()).to.deep.equal(commands)
    for (const spec of Object.values(creations)) expect(spec.prepare).to.be.a('function')
  })

  it('loads without got, ajv, inquirer, listr2 or sharp (batch and MCP import it)', function () {
    const {urls, status} = spy([
      '-e',
      `await import(${JSON.stringify(join(ROOT, 'dist/creations/index.js'))})`,
      '--input-type=module',
    ])
    expect(status).to.equal(0)
    expect(urls.length).to.be.greaterThan(0)
    expect(urls.filter((url) => HEAVY.some((heavy) => url.includes(heavy)))).to.deep.equal([])
  })

  for (const command of commands) {
    it(`create ${command} --help is light and documented`, function () {
      const {urls, stdout, status} = spy([BIN, 'create', command, '--help'])
      expect(status).to.equal(0)
      expect(stdout).to.include('EXAMPLES')
      expect(urls.filter((url) => HEAVY.some((heavy) => url.includes(heavy)))).to.deep.equal([])
    })
  }
})
