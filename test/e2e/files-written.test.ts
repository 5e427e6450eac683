import {expect} from 'chai'
import {chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {runCli, tempHome} from '../helpers/cli.js'
import {useSandbox} from '../helpers/sandbox.js'
import {useSharedSandboxCleanup} from '../helpers/shared-sandbox.js'

const modeOf = (path: string) => statSync(path).mode & 0o7777

/** Runs `fn` with the given umask for the CLIs it starts (children inherit it), then restores it. */
async function withUmask<T>(mask: number, fn: () => Promise<T>): Promise<T> {
  const previous = process.umask(mask)
  try {
    return await fn()
  } finally {
    process.umask(previous)
  }
}

describe('files the CLI writes: modes, folders that are not ours, concurrent writers', function () {
  this.timeout(120_000)
  // Tasks of 1 ms: done by the first look after the submit, so a case rarely pays a real 2 s poll
  // (how long a task takes is not what these cases check).
  const ctx = useSandbox({taskSeconds: 0.001})
  const track = useSharedSandboxCleanup()

  it('a batch state file beside a manifest in a shared 1777 folder leaves the folder as it was', async function () {
    const shared = mkdtempSync(join(tmpdir(), 'pixverse-shared-'))
    chmodSync(shared, 0o1777)
    const manifest = join(shared, 'shots.jsonl')
    writeFileSync(manifest, '{"mode":"image","prompt":"a shared folder"}\n')
    const result = await ctx.cli(['batch', 'run', manifest, '--json'])
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(modeOf(shared).toString(8)).to.equal('1777')
    expect(modeOf(`${manifest}.state.json`).toString(8)).to.equal('600')
  })

  it('settings in an existing PIXVERSE_HOME keep the folder mode and are written 0600', async function () {
    const home = tempHome()
    chmodSync(home, 0o755)
    const result = await runCli(['config', 'set', 'output-dir', '/tmp/x', '--json'], {env: {PIXVERSE_HOME: home}})
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(modeOf(home).toString(8)).to.equal('755')
    expect(modeOf(join(home, 'config.json')).toString(8)).to.equal('600')
  })

  it('under umask 000 the token, settings and sandbox data folders are 0700 and their files 0600', async function () {
    const home = track(join(tempHome(), 'nested', 'home'))
    const env = {PIXVERSE_HOME: home, PIXVERSE_API_BASE: undefined}
    await withUmask(0, async () => {
      const login = await runCli(['auth', 'login', '--sandbox', '--json'], {env})
      expect(login.exitCode, login.stderr).to.equal(0)
      const set = await runCli(['config', 'set', 'output-dir', '/tmp/x', '--json'], {env})
      expect(set.exitCode, set.stderr).to.equal(0)
    })
    for (const folder of [join(home, '..'), home, join(home, 'sandbox')])
      expect(modeOf(folder).toString(8), folder).to.equal('700')
    for (const file of [join(home, 'sandbox', 'internal.json'), join(home, 'config.json')])
      expect(modeOf(file).toString(8), file).to.equal('600')
  })

  it('a token file others can read is tightened to 0600 with a warning on stderr', async function () {
    const file = join(ctx.cli.home, 'internal.json')
    chmodSync(file, 0o644)
    const result = await ctx.cli(['auth', 'status', '--json'])
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(modeOf(file).toString(8)).to.equal('600')
    expect(result.stderr).to.include(`${file} was readable by others`)
    expect(JSON.parse(result.stdout)).to.be.an('object')
  })

  it('concurrent `config set` of different keys all persist (eight at once, three rounds)', async function () {
    const home = tempHome()
    const keys = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel']
    for (let round = 0; round < 3; round++) {
      mkdirSync(home, {recursive: true})
      writeFileSync(join(home, 'config.json'), JSON.stringify(Object.fromEntries(keys.map((key) => [key, 'old']))))
      const results = await Promise.all(
        keys.map((key) => runCli(['config', 'set', key, `new-${round}`, '--json'], {env: {PIXVERSE_HOME: home}})),
      )
      for (const result of results) expect(result.exitCode, result.stderr).to.equal(0)
      const stored = JSON.parse(readFileSync(join(home, 'config.json'), 'utf8')) as Record<string, string>
      expect(stored, `round ${round}`).to.deep.equal(Object.fromEntries(keys.map((key) => [key, `new-${round}`])))
    }
  })

  describe('temp files (resized uploads, fetched remote media)', function () {
    let big: string
    before(async function () {
      const {default: sharp} = await import('sharp')
      big = join(mkdtempSync(join(tmpdir(), 'pixverse-big-')), 'big.png')
      await sharp({create: {width: 2400, height: 2400, channels: 3, background: {r: 200, g: 40, b: 90}}})
        .png()
        .toFile(big)
    })

    afterEach(async function () {
      await ctx.sandbox.control('faults', {rules: []})
    })

    it('a resized upload is removed when the command ends, also when it fails', async function () {
      for (const fail of [false, true]) {
        if (fail) await ctx.sandbox.control('faults', {rules: [{endpoint: 'image/i2i', kind: 'service-error'}]})
        const temp = mkdtempSync(join(tmpdir(), 'pixverse-tmpdir-'))
        const result = await ctx.cli(
          ['create', 'image', '--prompt', 'from a big input', '--image', big, '--no-wait', '--json'],
          {env: {TMPDIR: temp}},
        )
        expect(result.exitCode, result.stderr).to.equal(fail ? 1 : 0)
        expect(readdirSync(temp), `failing: ${fail}`).to.deep.equal([])
      }
    })
  })
})
