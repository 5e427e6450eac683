import {expect} from 'chai'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'

import {useSandbox} from '../helpers/sandbox.js'
import {Terminal} from '../helpers/tmux.js'

function manifest(lines: string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'pixverse-batch-tty-')), 'shots.jsonl')
  writeFileSync(file, lines.join('\n') + '\n')
  return file
}

describe('batch run for a person', function () {
  const ctx = useSandbox({flags: ['--slots', '2']})
  let term: Terminal | undefined
  afterEach(function () {
    term?.kill()
    term = undefined
  })

  it('at a terminal: a per-row table instead of JSON lines, fitting 80 columns', async function () {
    const file = manifest([
      '{"mode":"video","prompt":"one"}',
      '{"mode":"video","prompt":"two"}',
      '{"mode":"image","prompt":"three"}',
    ])
    term = Terminal.start(
      ['batch', 'run', file],
      {PIXVERSE_HOME: ctx.cli.home, ...ctx.sandbox.clientEnv},
      {columns: 80},
    )
    expect(await term.exitCode(60_000), term.screen()).to.equal(0)
    const screen = term.screen()
    expect(screen).not.to.include('{"row"')
    expect(screen).to.match(/^ROW\s+LINE\s+MODE\s+STATUS\s+IDS\s+NOTE/m)
    expect(screen.match(/^[123]\s+[123]\s+(video|image)\s+completed\s+\d+/gm)?.length, screen).to.be.at.least(3)
    expect(screen).to.match(/^3\/3 completed, 0 failed, \d+ credits\nState: /m)
    // capture-pane -J joins a wrapped row back into one line: no table row may be wider than the screen.
    for (const line of screen.split('\n').filter((l) => /^(ROW|\d+\s)/.test(l)))
      expect([...line].length, line).to.be.at.most(80)
  })

  it('stdout piped, stderr at a terminal: the live table for whoever watches, JSON lines for the pipe', async function () {
    const file = manifest(['{"mode":"video","prompt":"one"}', '{"mode":"image","prompt":"two"}'])
    const stdout = join(dirname(file), 'rows.jsonl')
    term = Terminal.start(
      ['batch', 'run', file],
      {PIXVERSE_HOME: ctx.cli.home, ...ctx.sandbox.clientEnv},
      {columns: 80, shellSuffix: `> '${stdout}'`},
    )
    expect(await term.exitCode(60_000), term.screen()).to.equal(0)
    const screen = term.screen()
    expect(screen.match(/^ROW\s+LINE\s+MODE\s+STATUS\s+IDS\s+NOTE/gm), screen).to.have.length(1)
    expect(screen.match(/^[12]\s+[12]\s+(video|image)\s+completed\s+\d+/gm)?.length, screen).to.equal(2)
    const lines = readFileSync(stdout, 'utf8').trim().split('\n')
    expect(lines.map((line) => Object.keys(JSON.parse(line))[0])).to.have.members(['row', 'row', 'summary'])
  })

  it("piped: the counters on a row's last line already count that row", async function () {
    const file = manifest([
      '{"mode":"video","prompt":"a"}',
      '{"mode":"video","prompt":"b"}',
      '{"mode":"video","prompt":"c [sandbox:fail]"}',
    ])
    const result = await ctx.cli(['batch', 'run', file])
    expect(result.exitCode).to.equal(5)
    const finals = result.stderr.split('\n').filter((line) => /\): (done|failed)/.test(line))
    expect(finals).to.have.length(3)
    finals.forEach((line, i) => {
      const [, done, failed] = /— (\d+)\/3 done, (\d+) failed/.exec(line) ?? []
      expect(Number(done) + Number(failed), line).to.equal(i + 1)
    })
  })
})
