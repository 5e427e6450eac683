import {expect} from 'chai'
import {execFileSync} from 'node:child_process'
import {existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {ROOT, runCli, tempHome} from '../helpers/cli.js'
import {useSharedSandboxCleanup} from '../helpers/shared-sandbox.js'

/**
 * The official client once shipped six releases whose installed `pixverse` did not start (docs/lessons.md):
 * this packs the package as npm would publish it, installs the tarball into an empty project and runs
 * the main job with the installed bin, so a file missing from `files` (the manifest, the got bundle,
 * the precompiled schemas, the bundled MCP plugin, the fixtures) fails here and not for users.
 */
describe('the packed package, installed', function () {
  this.timeout(300_000)
  // The tarball and the project it is installed into (~90 MB): removed when the block ends.
  let work: string
  let installed: string
  let packedFiles: string[]
  const track = useSharedSandboxCleanup()

  after(function () {
    if (work) rmSync(work, {recursive: true, force: true})
  })

  before(function () {
    work = mkdtempSync(join(tmpdir(), 'pixverse-pack-'))
    // dist/ is already built (npm ci ran `prepare`); --ignore-scripts packs exactly that build.
    const [packed] = JSON.parse(
      execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], {
        cwd: ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    ) as Array<{filename: string; files: Array<{path: string}>}>
    packedFiles = packed.files.map((f) => f.path)
    const project = join(work, 'project')
    mkdirSync(project)
    writeFileSync(join(project, 'package.json'), JSON.stringify({name: 'pixverse-install-check', private: true}))
    execFileSync(
      'npm',
      ['install', join(work, packed.filename), '--no-audit', '--no-fund', '--prefer-offline', '--loglevel', 'error'],
      {cwd: project, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']},
    )
    installed = join(project, 'node_modules', 'pixverse')
  })

  it('ships what the CLI loads at run time, and no sources or tests', function () {
    for (const file of [
      'bin/run.js',
      'oclif.manifest.json',
      'capabilities.snapshot.json',
      'dist/vendor/got.js',
      'fixtures/media/sample.mp4',
    ]) {
      expect(packedFiles, file).to.include(file)
    }

    expect(packedFiles.some((f) => f.startsWith('node_modules/@pixverse/plugin-mcp/dist/'))).to.equal(true)
    expect(packedFiles.filter((f) => /^(src|test|bench|scripts)\//.test(f))).to.deep.equal([])
  })

  it('the installed bin starts: `pixverse --version` through the npm bin link', function () {
    const link = join(installed, '..', '.bin', 'pixverse')
    expect(realpathSync(link)).to.equal(realpathSync(join(installed, 'bin', 'run.js')))
    const version = execFileSync(link, ['--version'], {
      encoding: 'utf8',
      env: {PATH: process.env.PATH, HOME: process.env.HOME},
    })
    expect(version.trim()).to.equal(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version)
  })

  it('the installed CLI creates, waits for and downloads a video from its own sandbox', async function () {
    const bin = join(installed, 'bin', 'run.js')
    const home = track(tempHome())
    const created = await runCli(['create', 'video', '--sandbox', '--prompt', 'installed from the tarball', '--json'], {
      bin,
      env: {PIXVERSE_HOME: home},
    })
    expect(created.exitCode, created.stderr).to.equal(0)
    const video = created.json<{video_id: number; status: string}>()
    expect(video.status).to.equal('completed')

    const dest = join(work, 'out')
    const downloaded = await runCli(
      ['asset', 'download', String(video.video_id), '--sandbox', '--dest', dest, '--json'],
      {bin, env: {PIXVERSE_HOME: home}},
    )
    expect(downloaded.exitCode, downloaded.stderr).to.equal(0)
    const {file} = downloaded.json<{file: string}>()
    expect(existsSync(file)).to.equal(true)
    expect(readFileSync(file).subarray(4, 8).toString('ascii')).to.equal('ftyp') // an MP4
  })

  it('the bundled MCP plugin and the catalogue load from the installed copy', async function () {
    const bin = join(installed, 'bin', 'run.js')
    const help = await runCli(['mcp', 'serve', '--help'], {bin})
    expect(help.exitCode, help.stderr).to.equal(0)
    expect(help.stdout).to.include('Model Context Protocol')
    const capabilities = await runCli(['capabilities', '--json'], {bin})
    expect(capabilities.exitCode, capabilities.stderr).to.equal(0)
    const {version: _version, ...current} = capabilities.json()
    expect(current).to.deep.equal(JSON.parse(readFileSync(join(ROOT, 'capabilities.snapshot.json'), 'utf8')))
  })
})
