import {expect} from 'chai'
import {copyFileSync, mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {ROOT} from '../helpers/cli.js'
import {useSandbox} from '../helpers/sandbox.js'

/** Local files reached through text arguments (issue 14 item 2), on the command line and in manifests. */
describe('security: files named by text inputs', function () {
  this.timeout(90_000)
  const ctx = useSandbox()
  let folder: string

  before(function () {
    folder = mkdtempSync(join(tmpdir(), 'pixverse-text-files-'))
    writeFileSync(join(folder, 'prompt.txt'), 'a fox in the snow\n')
    mkdirSync(join(folder, '.ssh'))
    writeFileSync(join(folder, '.ssh', 'id_ed25519'), 'PRIVATE KEY\n')
  })

  const sentPrompts = async () =>
    (await ctx.sandbox.requests()).flatMap((r) =>
      r.path.endsWith('video/t2v') ? [(r.body as {prompt?: string}).prompt] : [],
    )

  it('refuses the login file and dot-folders as a --prompt or an --image, before any request (exit 6)', async function () {
    for (const args of [
      ['--prompt', join(ctx.cli.home, 'internal.json')],
      ['--prompt', join(folder, '.ssh', 'id_ed25519')],
      // A real image inside PIXVERSE_HOME: it passes the media checks, so the refusal is the policy's.
      ['--prompt', 'x', '--image', join(ctx.cli.home, 'stolen.png')],
    ]) {
      copyFileSync(join(ROOT, 'fixtures', 'media', 'sample.png'), join(ctx.cli.home, 'stolen.png'))
      await ctx.sandbox.clearRequests()
      const result = await ctx.cli(['create', 'video', ...args, '--no-wait', '--json'])
      expect(result.exitCode, `${args.join(' ')}: ${result.stderr}`).to.equal(6)
      expect(result.stdout).to.equal('')
      expect(String(result.errorJson().error)).to.include('refusing to read')
      expect(await ctx.sandbox.requests(), args.join(' ')).to.deep.equal([])
    }
  })

  it('still reads a text file named on the command line, and says which and how many bytes', async function () {
    await ctx.sandbox.clearRequests()
    const file = join(folder, 'prompt.txt')
    const result = await ctx.cli(['create', 'video', '--prompt', file, '--no-wait', '--json'])
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(result.stderr).to.include(`Read 18 bytes of text from ${file}`)
    expect(await sentPrompts()).to.deep.equal(['a fox in the snow'])
  })

  describe('batch manifests', function () {
    function manifestIn(dir: string, rows: Array<Record<string, unknown>>): string {
      const file = join(dir, 'shots.jsonl')
      writeFileSync(file, rows.map((row) => JSON.stringify(row)).join('\n') + '\n')
      return file
    }

    it('read a text file relative to the manifest folder (not the working directory)', async function () {
      const dir = mkdtempSync(join(tmpdir(), 'pixverse-manifest-'))
      writeFileSync(join(dir, 'shot.txt'), 'a heron at dawn\n')
      await ctx.sandbox.clearRequests()
      const result = await ctx.cli(['batch', 'run', manifestIn(dir, [{mode: 'video', prompt: 'shot.txt'}]), '--json'], {
        cwd: folder,
      })
      expect(result.exitCode, result.stderr).to.equal(0)
      expect(await sentPrompts()).to.deep.equal(['a heron at dawn'])
    })

    for (const [what, prompt] of [
      ['above the manifest folder', '../prompt.txt'],
      ['by an absolute path outside it', 'ABSOLUTE'],
      ['under PIXVERSE_HOME', 'HOME'],
    ] as const) {
      it(`refuse a file ${what}, before any request (exit 6)`, async function () {
        const dir = join(folder, `manifest-${what.length}`)
        mkdirSync(dir, {recursive: true})
        const value =
          prompt === 'ABSOLUTE'
            ? join(folder, 'prompt.txt')
            : prompt === 'HOME'
              ? join(ctx.cli.home, 'internal.json')
              : prompt
        await ctx.sandbox.clearRequests()
        const result = await ctx.cli([
          'batch',
          'run',
          manifestIn(dir, [
            {mode: 'video', prompt: 'a cat'},
            {mode: 'video', prompt: value},
          ]),
          '--json',
        ])
        expect(result.exitCode, result.stderr).to.equal(6)
        expect(String(result.errorJson().error)).to.include('line 2')
        expect(await ctx.sandbox.requests()).to.deep.equal([])
      })
    }
  })
})
