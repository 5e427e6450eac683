import {expect} from 'chai'
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'

import {aspectRatiosFor, modelsFor, qualitiesFor} from '../../src/catalog/index.js'
import {runCli} from '../helpers/cli.js'
import {bashScriptIn, complete} from '../helpers/completion.js'
import {isolatedOclifDirs} from '../helpers/oclif-dirs.js'

describe('shell completion', function () {
  let script: string
  let dirs: Record<string, string>

  before(async function () {
    dirs = isolatedOclifDirs()
    const setup = await runCli(['autocomplete', 'bash'], {env: dirs})
    expect(setup.exitCode, setup.stderr).to.equal(0)
    expect(setup.stdout).to.include('pixverse autocomplete script bash')
    script = bashScriptIn(dirs.PIXVERSE_CACHE_DIR)
    expect(existsSync(script)).to.equal(true)
  })

  it('completes `pixverse create video --model ` with exactly the catalogue video models', function () {
    expect(complete(script, ['pixverse', 'create', 'video', '--model', ''])).to.deep.equal(modelsFor('video'))
    expect(complete(script, ['pixverse', 'create', 'video', '-m', ''])).to.deep.equal(modelsFor('video'))
    expect(complete(script, ['pixverse', 'create', 'video', '--model', '=', ''])).to.deep.equal(modelsFor('video'))
    expect(complete(script, ['pixverse', 'create', 'video', '--model', 'sora'])).to.deep.equal(
      modelsFor('video').filter((m) => m.startsWith('sora')),
    )
  })

  it('completes other catalogue values: quality and aspect ratio', function () {
    expect(complete(script, ['pixverse', 'create', 'video', '--quality', ''])).to.deep.equal(qualitiesFor('video'))
    expect(complete(script, ['pixverse', 'create', 'video', '--aspect-ratio', ''])).to.deep.equal(
      aspectRatiosFor('video'),
    )
    // `16:<TAB>`: bash replaces only what follows the ':', so the replies are the rest of the ratio.
    const after16 = aspectRatiosFor('video')
      .filter((r) => r.startsWith('16:'))
      .map((r) => r.slice(3))
    expect(after16).to.not.be.empty
    expect(complete(script, ['pixverse', 'create', 'video', '--aspect-ratio', '16', ':'])).to.deep.equal(after16)
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
    // Negatable booleans: `create video --no-wait`, `--no-audio` complete in zsh as in bash.
    expect(zsh).to.include('--no-wait"[Turn off --wait.]"')
    expect(zsh).to.include('--no-audio')
    expect(
      existsSync(join(dirs.PIXVERSE_CACHE_DIR, 'autocomplete', 'functions', 'powershell', 'pixverse.ps1')),
    ).to.equal(true)
  })
})
