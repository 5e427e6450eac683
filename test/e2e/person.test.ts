import {expect} from 'chai'
import {chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {canAnimate, canOpenBrowser, canPrompt, inCI} from '../../src/util/person.js'
import {useSandbox} from '../helpers/sandbox.js'
import {Terminal} from '../helpers/tmux.js'

const tty = {stdin: {isTTY: true}, stdout: {isTTY: true}, stderr: {isTTY: true}}

describe('one definition of "a person is here" (util/person.ts)', function () {
  it('reads CI=false, CI=0 and an empty CI as "not CI", anything else as CI', function () {
    for (const value of ['false', 'FALSE', '0', '', ' ']) expect(inCI({CI: value}), `CI=${value}`).to.equal(false)
    for (const value of ['true', '1', 'yes', 'github']) expect(inCI({CI: value}), `CI=${value}`).to.equal(true)
    expect(inCI({})).to.equal(false)
  })

  it('prompts and opens a browser for the same person: both TTYs, not JSON, not CI', function () {
    for (const env of [{CI: 'false'}, {}]) {
      expect(canPrompt(tty, {json: false}, env)).to.equal(true)
      expect(canOpenBrowser(tty, {json: false}, env)).to.equal(true)
    }

    const cases: Array<[typeof tty, boolean, NodeJS.ProcessEnv]> = [
      [tty, true, {}],
      [tty, false, {CI: 'true'}],
      [{...tty, stdin: {isTTY: false}}, false, {}],
      [{...tty, stdout: {isTTY: false}}, false, {}],
    ]
    for (const [streams, json, env] of cases) {
      expect(canPrompt(streams, {json}, env)).to.equal(false)
      expect(canOpenBrowser(streams, {json}, env)).to.equal(false)
    }
  })

  it('animates progress whenever stderr is a terminal outside JSON mode', function () {
    expect(canAnimate({stderr: {isTTY: true}}, {json: false})).to.equal(true)
    expect(canAnimate({stderr: {isTTY: true}}, {json: true})).to.equal(false)
    expect(canAnimate({stderr: {isTTY: false}}, {json: false})).to.equal(false)
  })

  describe('at a real terminal (tmux)', function () {
    this.timeout(60_000)
    const ctx = useSandbox()
    let term: Terminal | undefined

    afterEach(function () {
      term?.kill()
      term = undefined
    })

    /** A fake `xdg-open`/`open` first on PATH that records the URL it was given. */
    function fakeBrowser(): {path: string; marker: string} {
      const bin = join(ctx.cli.home, 'fake-browser-bin')
      const marker = join(ctx.cli.home, 'browser-opened')
      mkdirSync(bin, {recursive: true})
      rmSync(marker, {force: true})
      for (const name of ['xdg-open', 'open']) {
        writeFileSync(join(bin, name), `#!/bin/sh\necho "$@" > '${marker}'\n`)
        chmodSync(join(bin, name), 0o755)
      }

      return {path: `${bin}:${process.env.PATH}`, marker}
    }

    it('with CI=false, subscribe opens the browser just as the wizard starts', async function () {
      const browser = fakeBrowser()
      const env = {PIXVERSE_HOME: ctx.cli.home, ...ctx.sandbox.clientEnv, PATH: browser.path, CI: 'false'}
      term = Terminal.start(['subscribe'], env)
      expect(await term.exitCode(), term.screen()).to.equal(0)
      for (let i = 0; i < 50 && !existsSync(browser.marker); i++)
        await new Promise((resolve) => setTimeout(resolve, 100))
      expect(readFileSync(browser.marker, 'utf8').trim()).to.equal(`${ctx.sandbox.origin}/subscribe`)
      term.kill()

      term = Terminal.start(['create', 'video'], env)
      await term.waitFor('? Prompt')
      term.keys('C-c')
      expect(await term.exitCode()).to.equal(130)
    })

    it('with CI=true, neither the browser opens nor the wizard starts', async function () {
      const browser = fakeBrowser()
      const env = {PIXVERSE_HOME: ctx.cli.home, ...ctx.sandbox.clientEnv, PATH: browser.path, CI: 'true'}
      term = Terminal.start(['subscribe'], env)
      expect(await term.exitCode(), term.screen()).to.equal(0)
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(existsSync(browser.marker)).to.equal(false)
      term.kill()

      term = Terminal.start(['create', 'video'], env)
      expect(await term.exitCode(), term.screen()).to.equal(6)
      expect(term.screen()).to.include('--prompt is required')
    })
  })
})
