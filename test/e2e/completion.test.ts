import {expect} from 'chai'
import {spawnSync} from 'node:child_process'
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'

import {aspectRatiosFor, modelsFor, qualitiesFor} from '../../src/catalog/index.js'
import {runCli} from '../helpers/cli.js'
import {isolatedOclifDirs} from '../helpers/oclif-dirs.js'

/** Sources the generated bash function in a real bash and asks it to complete `words`. */
function complete(script: string, words: string[]): string[] {
  const program = `source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 )); _pixverse_autocomplete; printf '%s\\n' "\${COMPREPLY[@]}"`
  const result = spawnSync('bash', ['--norc', '--noprofile', '-c', program, 'bash', script, ...words], {encoding: 'utf8'})
  expect(result.status, result.stderr).to.equal(0)
  return result.stdout.split('\n').filter(Boolean)
}

describe('shell completion', function () {
  let script: string
  let dirs: Record<string, string>

  before(async function () {
    dirs = isolatedOclifDirs()
    const setup = await runCli(['autocomplete', 'bash'], {env: dirs})
    expect(setup.exitCode, setup.stderr).to.equal(0)
    expect(setup.stdout).to.include('pixverse autocomplete script bash')
    script = join(dirs.PIXVERSE_CACHE_DIR, 'autocomplete', 'functions', 'bash', 'pixverse.bash')
    expect(existsSync(script)).to.equal(true)
  })

  it('completes `pixverse create video --model ` with exactly the catalogue video models', function () {
    expect(complete(script, ['pixverse', 'create', 'video', '--model', ''])).to.deep.equal(modelsFor('video'))
    expect(complete(script, ['pixverse', 'create', 'video', '-m', ''])).to.deep.equal(modelsFor('video'))
    expect(complete(script, ['pixverse', 'create', 'video', '--model', '=', ''])).to.deep.equal(modelsFor('video'))
    expect(complete(script, ['pixverse', 'create', 'video', '--model', 'sora'])).to.deep.equal(modelsFor('video').filter((m) => m.startsWith('sora')))
  })

  it('completes other catalogue values: quality and aspect ratio', function () {
    expect(complete(script, ['pixverse', 'create', 'video', '--quality', ''])).to.deep.equal(qualitiesFor('video'))
    expect(complete(script, ['pixverse', 'create', 'video', '--aspect-ratio', ''])).to.deep.equal(aspectRatiosFor('video'))
  })

  it('completes topics, commands and flags with spaces', function () {
    expect(complete(script, ['pixverse', 'cr'])).to.deep.equal(['create'])
    expect(complete(script, ['pixverse', 'task', ''])).to.include.members(['status', 'wait'])
    expect(complete(script, ['pixverse', 'task', 'wait', '--ty'])).to.deep.equal(['--type'])
    expect(complete(script, ['pixverse', 'create', 'video', '--no-w'])).to.deep.equal(['--no-wait'])
  })

  it('zsh and PowerShell scripts are generated; zsh offers the model values too', function () {
    const zsh = readFileSync(join(dirs.PIXVERSE_CACHE_DIR, 'autocomplete', 'functions', 'zsh', '_pixverse'), 'utf8')
    expect(zsh).to.include(modelsFor('video').join(' '))
    expect(existsSync(join(dirs.PIXVERSE_CACHE_DIR, 'autocomplete', 'functions', 'powershell', 'pixverse.ps1'))).to.equal(true)
  })
})
