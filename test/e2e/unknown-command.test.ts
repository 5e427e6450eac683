import {expect} from 'chai'

import {runCli, tempHome} from '../helpers/cli.js'
import {Terminal} from '../helpers/tmux.js'

const cli = (args: string[]) => runCli(args, {env: {PIXVERSE_HOME: tempHome()}})

describe('unknown commands and misplaced text, like gh', function () {
  let term: Terminal | undefined
  afterEach(function () {
    term?.kill()
    term = undefined
  })

  it('at a terminal a typo prints "Did you mean …?" and exits 6: no prompt, the guess never runs', async function () {
    term = Terminal.start(['crate', 'video'], {PIXVERSE_HOME: tempHome()})
    // Nothing is typed: a prompt would wait here (and Enter would have started the paid wizard).
    expect(await term.exitCode(10_000), term.screen()).to.equal(6)
    const screen = term.screen()
    expect(screen).to.include('Did you mean `pixverse create video`?')
    expect(screen).not.to.match(/\(Y\/n\)|What do you want/)
  })

  it('suggests only plausible typos: `stats summary` gets no guess, `task wiat 1` gets task wait', async function () {
    const none = await cli(['stats', 'summary'])
    expect(none.exitCode).to.equal(6)
    expect(none.stdout).to.equal('')
    expect(none.stderr).to.equal(
      'error Unknown command: pixverse stats summary\nhint  Run `pixverse --help` for every command.\n',
    )
    const typo = await cli(['task', 'wiat', '390000000001'])
    expect(typo.exitCode).to.equal(6)
    expect(typo.stderr).to.include('Did you mean `pixverse task wait`?')
  })

  it('with --json: one JSON error on stderr, nothing on stdout, exit 6 (unknown command and a bare topic)', async function () {
    for (const args of [
      ['stats', 'summary', '--json'],
      ['create', '--json'],
      ['create', '-p'],
    ]) {
      const result = await cli(args)
      expect(result.exitCode, args.join(' ')).to.equal(6)
      expect(result.stdout, args.join(' ')).to.equal('')
      const lines = result.stderr.trim().split('\n')
      expect(lines, result.stderr).to.have.length(1)
      expect(JSON.parse(lines[0])).to.include({exit_code: 6})
    }

    expect((await cli(['create', '--json'])).errorJson().error).to.match(
      /^`pixverse create` is a topic; name one of its commands: .*\bvideo\b/,
    )
    // Text mode still shows the topic's help.
    const help = await cli(['create'])
    expect(help.exitCode).to.equal(0)
    expect(help.stdout).to.include('create video')
  })

  it('text where a flag is needed gets the flag named', async function () {
    const result = await cli(['create', 'video', 'a cat'])
    expect(result.exitCode).to.equal(6)
    expect(result.stdout).to.equal('')
    expect(result.stderr).to.include('error `pixverse create video` takes no argument "a cat"')
    expect(result.stderr).to.include('hint  Pass it with a flag: pixverse create video --prompt "a cat"')
    const voice = await cli(['create', 'voice', 'hello there', '--json'])
    expect(voice.exitCode).to.equal(6)
    expect(voice.errorJson().hint).to.equal('Pass it with a flag: pixverse create voice --text "hello there"')
  })
})
