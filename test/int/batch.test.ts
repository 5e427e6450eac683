import {expect} from 'chai'
import {copyFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {ROOT} from '../helpers/cli.js'
import {expectSchema} from '../helpers/schema.js'
import {type SandboxProcess, useSandbox} from '../helpers/sandbox.js'
import {useTestClock} from '../helpers/test-clock.js'

interface Row {
  row: number
  status: string
  ids: number[]
  exit_code: number
  idempotency_key: string
  files?: string[]
}

function manifest(name: string, lines: string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'pixverse-batch-')), name)
  writeFileSync(file, lines.join('\n') + '\n')
  return file
}

function jsonLines(stdout: string): Array<Record<string, unknown>> {
  return stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line))
}

async function charges(sandbox: SandboxProcess): Promise<Record<string, number>> {
  return ((await sandbox.state()) as {charges: Record<string, number>}).charges
}

describe('batch run: many creations from one manifest', function () {
  this.timeout(180_000)
  // In-process: slots, faults, reruns and exit codes are the batch engine's, not the process's (Ctrl-C,
  // which is, stays in test/e2e/batch-interrupt.test.ts). Polls and back-offs run on the test clock.
  const ctx = useSandbox({flags: ['--slots', '3'], inProcess: true})
  useTestClock({realMsPerSecond: 50})

  it('a bad row stops the batch before any request, naming its line', async function () {
    const file = manifest('bad.jsonl', [
      '{"mode":"video","prompt":"fine"}',
      '# a comment line',
      '{"mode":"video","prompt":"wrong model","model":"v5.5"}',
    ])
    await ctx.sandbox.clearRequests()
    const result = await ctx.cli(['batch', 'run', file, '--json'])
    expect(result.exitCode).to.equal(6)
    expect(result.stdout).to.equal('')
    expect(result.errorJson().error).to.match(/^Manifest line 3: /)
    expect(await ctx.sandbox.requests()).to.deep.equal([])

    for (const [line, pattern] of [
      ['{"mode":"dance","prompt":"x"}', /unknown mode "dance"/],
      ['{"mode":"video","prompt":"x","colour":"red"}', /unknown field "colour"/],
      ['{"mode":"video","prompt":"x","count":9}', /--count/],
      ['{"mode":"video"}', /--prompt/],
      ['{"mode":"video","prompt":"x","timeout":5}', /whole batch/],
    ] as const) {
      const bad = await ctx.cli(['batch', 'run', manifest('bad.jsonl', [line]), '--json'])
      expect(bad.exitCode, line).to.equal(6)
      expect(bad.errorJson().error, line).to.match(pattern)
    }

    expect(await ctx.sandbox.requests()).to.deep.equal([])
  })

  it('runs 40 rows within 3 slots under injected faults: none lost, each charged once, all downloaded', async function () {
    const lines = Array.from({length: 40}, (_, i) =>
      i % 5 === 4
        ? JSON.stringify({mode: 'image', prompt: `picture ${i}`})
        : JSON.stringify({mode: 'video', prompt: `clip ${i}`, duration: 5}),
    )
    const file = manifest('forty.jsonl', lines)
    const out = join(mkdtempSync(join(tmpdir(), 'pixverse-batch-out-')), 'files')
    await ctx.sandbox.control('faults', {
      seed: 7,
      rules: [
        {endpoint: '*', kind: 'http-503', probability: 0.08},
        {endpoint: '*', kind: 'reset-after-body', probability: 0.06},
        {endpoint: 'video/t2v', kind: 'concurrency-limit', probability: 0.1},
        {endpoint: 'media', kind: 'truncate', probability: 0.2},
      ],
    })
    try {
      const result = await ctx.cli(['batch', 'run', file, '--download', out, '--poll-interval', '1'], {
        timeoutMs: 170_000,
      })
      expect(result.exitCode, result.stderr.slice(-2000)).to.equal(0)
      const lines = jsonLines(result.stdout)
      const rows = lines.filter((line) => 'row' in line) as unknown as Row[]
      const summary = lines.at(-1)?.summary as Record<string, number>
      expect(rows.map((r) => r.row).sort((a, b) => a - b)).to.deep.equal(Array.from({length: 40}, (_, i) => i + 1))
      expect(rows.every((r) => r.status === 'completed' && r.exit_code === 0)).to.equal(true)
      expect(summary).to.include({rows: 40, completed: 40, failed: 0})
      expect(result.stderr).to.match(/row \d+ \(line \d+, video\): submitted/)

      const charged = await charges(ctx.sandbox)
      for (const row of rows) expect(charged[row.idempotency_key], `row ${row.row}`).to.equal(1)
      const files = readdirSync(out)
      expect(files.filter((name) => name.endsWith('.part'))).to.deep.equal([])
      expect(files).to.have.length(40)
      for (const name of files.filter((n) => n.endsWith('.mp4'))) {
        expect(readFileSync(join(out, name)).subarray(4, 8).toString(), name).to.equal('ftyp')
      }

      const faults = (await ctx.sandbox.control('faults', undefined).catch(() => undefined)) as unknown
      expect(faults).not.to.equal(undefined)
    } finally {
      await fetch(`${ctx.sandbox.origin}/_sandbox/faults`, {method: 'DELETE'})
    }
  })

  it('running the same manifest again repeats nothing and pays nothing', async function () {
    const file = manifest('again.csv', [
      'mode,prompt,aspect_ratio',
      'video,"a fox, in snow",9:16',
      'image,a lighthouse,',
    ])
    const first = await ctx.cli(['batch', 'run', file, '--json'])
    expect(first.exitCode, first.stderr).to.equal(0)
    const before = await charges(ctx.sandbox)
    await ctx.sandbox.clearRequests()
    const second = await ctx.cli(['batch', 'run', file, '--json'])
    expect(second.exitCode, second.stderr).to.equal(0)
    const doc = second.json<{rows: Array<Row & {resumed?: boolean}>; summary: Record<string, number>}>()
    expect(doc.summary).to.include({rows: 2, resumed: 2, credits_spent: 0})
    expect(doc.rows.map((r) => r.ids)).to.deep.equal(first.json<{rows: Row[]}>().rows.map((r) => r.ids))
    expect(await ctx.sandbox.requests()).to.deep.equal([])
    expect(await charges(ctx.sandbox)).to.deep.equal(before)
  })

  it('resumes a state file the old runner wrote: its done rows kept, its submitted rows waited for', async function () {
    // fixtures/batch-old-runner: a batch the runner before the pipeline engine stopped with row 1 done,
    // rows 2 and 3 submitted and row 4 pending (keys derived from the manifest's path back then).
    const fixture = join(ROOT, 'fixtures', 'batch-old-runner')
    const file = join(mkdtempSync(join(tmpdir(), 'pixverse-batch-old-')), 'shots.jsonl')
    copyFileSync(join(fixture, 'shots.jsonl'), file)
    const lines = readFileSync(file, 'utf8').trim().split('\n')
    const old = JSON.parse(readFileSync(join(fixture, 'shots.jsonl.state.json'), 'utf8')) as {
      rows: Array<{row: number; line: number; mode: string; key: string; status: string; ids?: number[]}>
    }
    // The tasks the old run submitted exist on this sandbox under their keys (ids are the service's).
    for (const row of old.rows.filter((r) => r.status === 'submitted')) {
      const {prompt, aspect_ratio: ratio} = JSON.parse(lines[row.line - 1]) as {prompt: string; aspect_ratio?: string}
      const args = ['create', row.mode, '--prompt', prompt, '--idempotency-key', row.key, '--no-wait', '--json']
      const created = await ctx.cli(ratio ? [...args, '--aspect-ratio', ratio] : args)
      expect(created.exitCode, created.stderr).to.equal(0)
      const doc = created.json<{video_id?: number; image_id?: number}>()
      row.ids = [(doc.video_id ?? doc.image_id) as number]
    }

    writeFileSync(`${file}.state.json`, JSON.stringify(old))
    const before = await charges(ctx.sandbox)
    await ctx.sandbox.clearRequests()
    const result = await ctx.cli(['batch', 'run', file, '--json'], {timeoutMs: 60_000})
    expect(result.exitCode, result.stderr).to.equal(0)
    const doc = result.json<{rows: Array<Row & {resumed?: boolean}>; summary: Record<string, number>}>()
    expectSchema('batch-run', doc)
    expect(doc.rows.map((r) => [r.row, r.status, r.idempotency_key])).to.deep.equal(
      old.rows.map((r) => [r.row, 'completed', r.key]),
    )
    expect(doc.rows.map((r) => r.ids)).to.deep.equal([...old.rows.slice(0, 3).map((r) => r.ids), doc.rows[3].ids])
    expect(doc.rows[0].resumed).to.equal(true)
    expect(doc.summary).to.include({rows: 4, completed: 4, resumed: 1})
    const posts = (await ctx.sandbox.requests()).filter((r) => r.method === 'POST' && /\/(t2v|t2i)$/.test(r.path))
    expect(posts.map((p) => (p.body as {idempotency_key: string}).idempotency_key)).to.deep.equal([old.rows[3].key])
    const charged = await charges(ctx.sandbox)
    expect(charged[old.rows[0].key] ?? 0).to.equal(before[old.rows[0].key] ?? 0)
    for (const row of old.rows.slice(1)) expect(charged[row.key], `row ${row.row}`).to.equal(1)
  })

  it('exits with the most severe code and still reports every row', async function () {
    const file = manifest('mixed.jsonl', [
      '{"mode":"video","prompt":"ok"}',
      '{"mode":"video","prompt":"doomed [sandbox:fail]"}',
    ])
    const result = await ctx.cli(['batch', 'run', file, '--json'])
    expect(result.exitCode).to.equal(5)
    const doc = result.json<{rows: Row[]; summary: Record<string, number>}>()
    expect(doc.rows.map((r) => r.status)).to.deep.equal(['completed', 'failed'])
    expect(doc.summary).to.include({completed: 1, failed: 1, exit_code: 5})
    expectSchema('batch-run', doc)
    const status = await ctx.cli(['batch', 'status', join(file), '--json'])
    expect(status.exitCode).to.equal(0)
    expectSchema('batch-status', status.json())
    expect(status.json<{counts: Record<string, number>}>().counts).to.include({total: 2, done: 1, failed: 1})
  })
})
