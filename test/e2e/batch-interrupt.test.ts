import {expect} from 'chai'
import type {ChildProcess} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {type SandboxProcess, useSandbox} from '../helpers/sandbox.js'

function manifest(name: string, lines: string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'pixverse-batch-')), name)
  writeFileSync(file, lines.join('\n') + '\n')
  return file
}

async function charges(sandbox: SandboxProcess): Promise<Record<string, number>> {
  return ((await sandbox.state()) as {charges: Record<string, number>}).charges
}

// A batch stopped by Ctrl-C: the process's signal handling is the subject, so it stays a subprocess;
// the other batch cases run in-process (test/int/batch.test.ts).
describe('batch run: many creations from one manifest', function () {
  this.timeout(180_000)
  const ctx = useSandbox({flags: ['--slots', '3']})

  it('resumes after Ctrl-C: submitted rows are waited for, not resubmitted', async function () {
    // Four rows, two at a time: enough for rows submitted before the interrupt and rows not yet sent.
    const lines = Array.from({length: 4}, (_, i) =>
      JSON.stringify({mode: 'video', prompt: `slow ${i} [sandbox:seconds=4]`}),
    )
    const file = manifest('resume.jsonl', lines)
    const stateFile = `${file}.state.json`
    let child!: ChildProcess
    const run = ctx.cli(['batch', 'run', file, '--concurrency', '2', '--json'], {onSpawn: (c) => (child = c)})
    // Interrupt once some rows are submitted and none can have finished.
    const deadline = Date.now() + 20_000
    while (Date.now() < deadline) {
      const state = existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, 'utf8')) : {rows: []}
      if ((state.rows as Array<{status: string}>).filter((r) => r.status === 'submitted').length >= 2) break
      await new Promise((r) => setTimeout(r, 100))
    }

    child.kill('SIGINT')
    const {exitCode, stdout, stderr} = await run
    expect(exitCode, stderr).to.equal(130)
    expect(stdout).to.equal('')
    const interrupted = JSON.parse(readFileSync(stateFile, 'utf8')).rows as Array<{
      row: number
      status: string
      key: string
    }>
    const submittedKeys = interrupted.filter((r) => r.status === 'submitted').map((r) => r.key)
    expect(submittedKeys.length).to.be.greaterThan(0)

    await ctx.sandbox.clearRequests()
    const status = await ctx.cli(['batch', 'status', file, '--json'])
    expect(status.json<{counts: Record<string, number>}>().counts.submitted).to.equal(submittedKeys.length)

    const rerun = await ctx.cli(['batch', 'run', file, '--concurrency', '2', '--poll-interval', '1', '--json'], {
      timeoutMs: 120_000,
    })
    expect(rerun.exitCode, rerun.stderr).to.equal(0)
    expect(rerun.json<{summary: Record<string, number>}>().summary).to.include({rows: 4, completed: 4})
    const resubmits = (await ctx.sandbox.requests()).filter(
      (r) =>
        r.path.endsWith('/video/t2v') && submittedKeys.includes((r.body as {idempotency_key: string}).idempotency_key),
    )
    expect(resubmits, 'rows submitted before the interrupt were sent again').to.deep.equal([])
    const charged = await charges(ctx.sandbox)
    for (const row of interrupted) expect(charged[row.key] ?? 0, `row ${row.row}`).to.be.at.most(1)
  })
})
