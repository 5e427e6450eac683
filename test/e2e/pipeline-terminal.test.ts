import {expect} from 'chai'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {useSandbox} from '../helpers/sandbox.js'
import {Terminal} from '../helpers/tmux.js'

describe('pipeline run for a person', function () {
  this.timeout(90_000)
  const ctx = useSandbox({flags: ['--slots', '2']})
  let term: Terminal | undefined
  afterEach(function () {
    term?.kill()
    term = undefined
  })

  it('at a terminal: a live step table, redrawn in place, fitting 80 columns, every step in its final state', async function () {
    const dir = mkdtempSync(join(tmpdir(), 'pixverse-pipeline-tty-'))
    const file = join(dir, 'tty.json')
    writeFileSync(
      file,
      JSON.stringify({
        name: 'tty',
        steps: [
          {id: 'board', mode: 'image', prompt: 'a lighthouse keeper finds a message in a bottle on a stormy shore'},
          {id: 'shots', mode: 'video', for_each: ['dawn', 'dusk'], image: '${board.image}', prompt: 'the ${item} shot'},
          {id: 'doomed', mode: 'video', prompt: 'this one fails [sandbox:fail]'},
          {id: 'after', mode: 'extend', video: '${doomed.id}', prompt: 'never runs'},
        ],
      }),
    )
    // stdout goes to a file: the table is stderr's, for whoever watches it.
    const stdout = join(dir, 'stdout.txt')
    term = Terminal.start(
      ['pipeline', 'run', file, '--out', join(dir, 'out'), '--poll-interval', '1'],
      {PIXVERSE_HOME: ctx.cli.home, ...ctx.sandbox.clientEnv},
      {columns: 80, shellSuffix: `> '${stdout}'`},
    )
    expect(await term.exitCode(60_000), term.screen()).to.equal(5)
    const screen = term.screen()
    expect(screen.match(/^STEP\s+MODE\s+MODEL\s+STATUS\s+CREDITS\s+ELAPSED\s+NOTE/gm), screen).to.have.length(1)
    const status = (step: string) =>
      new RegExp(`^${step.replace(/[[\]]/g, '\\$&')}\\s+\\S+\\s+\\S+\\s+(\\S+)`, 'm').exec(screen)?.[1]
    expect(
      ['board', 'shots', 'shots[0]', 'shots[1]', 'doomed', 'after'].map((step) => [step, status(step)]),
      screen,
    ).to.deep.equal([
      ['board', 'completed'],
      ['shots', 'completed'],
      ['shots[0]', 'completed'],
      ['shots[1]', 'completed'],
      ['doomed', 'failed'],
      ['after', 'blocked'],
    ])
    expect(screen).to.match(/^2\/4 steps done, 2 failed, \d+ credits this run$/m)
    // capture-pane -J joins a wrapped row back into one line: no table row may be wider than the screen.
    const table = screen.slice(screen.indexOf('STEP'), screen.indexOf(' steps done,'))
    for (const line of table.split('\n')) expect([...line].length, line).to.be.at.most(80)
    // A for_each step's elements sit under it, in order.
    expect(
      table
        .split('\n')
        .slice(1, 7)
        .map((line) => line.split(' ')[0]),
    ).to.deep.equal(['board', 'shots', 'shots[0]', 'shots[1]', 'doomed', 'after'])
    expect(screen).to.match(/…/)
    expect(readFileSync(stdout, 'utf8')).to.match(/^2\/4 steps done · \d+ credits this run$/m)
  })

  it('piped: one timestamped line per event, no table', async function () {
    const dir = mkdtempSync(join(tmpdir(), 'pixverse-pipeline-pipe-'))
    const file = join(dir, 'pipe.json')
    writeFileSync(
      file,
      JSON.stringify({name: 'pipe', steps: [{id: 'still', mode: 'image', prompt: 'a quiet harbour'}]}),
    )
    const result = await ctx.cli(['pipeline', 'run', file, '--out', join(dir, 'out')])
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(result.stderr).not.to.match(/STEP\s+MODE/)
    expect(result.stderr).to.match(/^\d{4}-\d\d-\d\dT[\d:.]+Z still: submitted image \d+/m)
    expect(result.stderr).to.match(/^\d{4}-\d\d-\d\dT[\d:.]+Z still: done → /m)
    const json = await ctx.cli(['pipeline', 'run', file, '--out', join(dir, 'again'), '--json'])
    expect(json.exitCode, json.stderr).to.equal(0)
    expect(json.stderr).to.equal('')
  })
})
