import {expect} from 'chai'
import {type ChildProcess, execFileSync, spawn} from 'node:child_process'
import {existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {BIN, LOOPBACK_GUARD, ROOT} from '../helpers/cli.js'
import {expectSchema} from '../helpers/schema.js'
import {type SandboxProcess, useSandbox} from '../helpers/sandbox.js'

const FIXTURES = join(ROOT, 'fixtures', 'media')

interface Outcome {
  id: string
  status: string
  ids: number[]
  outputs: Record<string, unknown>
  idempotency_keys?: string[]
  credits: number
  credits_now: number
  exit_code: number
  resumed?: boolean
}

interface RunDoc {
  final: string | null
  report: string
  state_file: string
  steps: Outcome[]
  summary: Record<string, number>
}

function pipelineFile(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'pixverse-pipeline-')), name)
  writeFileSync(file, text)
  return file
}

function outDir(): string {
  return join(mkdtempSync(join(tmpdir(), 'pixverse-pipeline-out-')), 'out')
}

/** Duration and stream types of a media file, from ffprobe (the check the issue asks for). */
function probe(file: string): {duration: number; streams: string[]; width?: number; height?: number} {
  const text = execFileSync(
    'ffprobe',
    ['-v', 'error', '-show_entries', 'format=duration:stream=codec_type,width,height', '-of', 'json', file],
    {encoding: 'utf8'},
  )
  const data = JSON.parse(text) as {
    format: {duration: string}
    streams: Array<{codec_type: string; width?: number; height?: number}>
  }
  const video = data.streams.find((s) => s.codec_type === 'video')
  return {
    duration: Number(data.format.duration),
    streams: data.streams.map((s) => s.codec_type).sort(),
    width: video?.width,
    height: video?.height,
  }
}

/** Creations only: every POST that can charge. */
async function creationPosts(
  sandbox: SandboxProcess,
): Promise<Array<{path: string; body: {idempotency_key?: string}}>> {
  const requests = (await sandbox.requests()) as Array<{method: string; path: string; body: {idempotency_key?: string}}>
  return requests.filter(
    (r) => r.method === 'POST' && /\/(video|image)\/(t2v|i2v|t2i|i2i|extend|upscale)$|\/music\/generate$/.test(r.path),
  )
}

async function charges(sandbox: SandboxProcess): Promise<Record<string, number>> {
  return ((await sandbox.state()) as {charges: Record<string, number>}).charges
}

describe('pipeline run: a production in one resumable command', function () {
  this.timeout(240_000)
  const ctx = useSandbox({flags: ['--slots', '4']})

  it('checks every step before the first request: exit 6 names the step and the field', async function () {
    await ctx.sandbox.clearRequests()
    const cases: Array<[string, RegExp]> = [
      ['steps:\n  - {id: a, mode: dance, prompt: x}\n', /^Step a: unknown mode "dance"/],
      ['steps:\n  - {id: a, mode: video, prompt: x, colour: red}\n', /^Step a: unknown field "colour"/],
      ['steps:\n  - {id: a, mode: video, prompt: x, model: v5.5}\n', /^Step a: .*model/i],
      ['steps:\n  - {id: a, mode: video}\n', /^Step a: --prompt is required/],
      [
        'steps:\n  - {id: a, mode: video, prompt: "${b.video}"}\n  - {id: b, mode: video, prompt: x}\n',
        /^Step a: \$\{b\.video\} names a step that is not defined before it/,
      ],
      [
        'steps:\n  - {id: a, mode: image, prompt: x}\n  - {id: b, mode: split, image: "${a.video}"}\n',
        /^Step b: \$\{a\.video\}: step a has no output "video"/,
      ],
      [
        'steps:\n  - {id: a, mode: image, prompt: x}\n  - {id: b, mode: split, image: "${a.image}", rows: 0}\n',
        /^Step b: "rows" must be an integer in 1\.\.8/,
      ],
      [
        'steps:\n  - {id: a, mode: image, prompt: x}\n  - {id: b, mode: video, for_each: "${a.image}", image: "${item}", prompt: y}\n',
        /^Step b: for_each: .* is not a list/,
      ],
      ['steps:\n  - {id: a, mode: video, prompt: "${mood}"}\n', /^Step a: \$\{mood\} is not a variable/],
      ['steps:\n  - {id: a, mode: concat, videos: [missing.mp4]}\n', /^Step a: "videos": no such file "missing\.mp4"/],
      [
        'steps:\n  - {id: a, mode: video, prompt: x, timeout: 5}\n',
        /^Step a: "timeout" is set for the whole batch or pipeline/,
      ],
      ['steps: [\n', /not valid YAML/],
    ]
    for (const [text, pattern] of cases) {
      const result = await ctx.cli(['pipeline', 'run', pipelineFile('bad.yaml', text), '--out', outDir(), '--json'])
      expect(result.exitCode, text).to.equal(6)
      expect(result.stdout, text).to.equal('')
      expect(String(result.errorJson().error), text).to.match(pattern)
    }

    const missingVar = await ctx.cli(['pipeline', 'run', 'storyboard', '--json'])
    expect(missingVar.exitCode).to.equal(6)
    expect(String(missingVar.errorJson().error)).to.match(/--var prompt=… is required by storyboard/)
    const unknownVar = await ctx.cli([
      'pipeline',
      'run',
      'storyboard',
      '--var',
      'prompt=x',
      '--var',
      'colour=red',
      '--json',
    ])
    expect(String(unknownVar.errorJson().error)).to.match(/--var colour: storyboard has no such variable/)
    expect(await ctx.sandbox.requests()).to.deep.equal([])
  })

  it('--dry-run prints the resolved plan and sends nothing', async function () {
    await ctx.sandbox.clearRequests()
    const out = outDir()
    const result = await ctx.cli([
      'pipeline',
      'run',
      'storyboard',
      '--var',
      'prompt=a lighthouse',
      '--out',
      out,
      '--dry-run',
      '--json',
    ])
    expect(result.exitCode, result.stderr).to.equal(0)
    const plan = result.json<{
      order: string[][]
      steps: Array<{id: string; depends_on: string[]; inputs: Record<string, unknown>; model?: string}>
    }>()
    expectSchema('pipeline-run', plan)
    expect(plan.order).to.deep.equal([['board'], ['panels'], ['shots'], ['film']])
    expect(plan.steps[0].inputs.prompt).to.match(/a lighthouse$/)
    expect(plan.steps[0].model).to.be.a('string')
    expect(plan.steps[2].depends_on).to.deep.equal(['panels'])
    expect(plan.steps[2].inputs.image).to.equal('${item}')
    expect(existsSync(out)).to.equal(false)
    expect(await ctx.sandbox.requests()).to.deep.equal([])
  })

  it('storyboard: image → split → four image-to-videos → one playable MP4; a rerun pays nothing', async function () {
    const out = outDir()
    await ctx.sandbox.clearRequests()
    const result = await ctx.cli(
      [
        'pipeline',
        'run',
        'storyboard',
        '--var',
        'prompt=a fox in the snow',
        '--var',
        'duration=5',
        '--out',
        out,
        '--json',
      ],
      {timeoutMs: 120_000},
    )
    expect(result.exitCode, result.stderr).to.equal(0)
    const doc = result.json<RunDoc>()
    expectSchema('pipeline-run', doc)
    expect(doc.steps.map((s) => [s.id, s.status])).to.deep.equal([
      ['board', 'completed'],
      ['panels', 'completed'],
      ['shots', 'completed'],
      ['film', 'completed'],
    ])
    const shots = doc.steps[2]
    expect(shots.ids).to.have.length(4)
    expect(shots.outputs.videos).to.have.length(4)
    expect(doc.steps[1].outputs.images).to.have.length(4)
    // The four shots are four different uploads of four different tiles, each sent once.
    const posts = await creationPosts(ctx.sandbox)
    expect(posts.map((p) => p.path.split('/').slice(-2).join('/')).sort()).to.deep.equal([
      'image/t2i',
      'video/i2v',
      'video/i2v',
      'video/i2v',
      'video/i2v',
    ])
    const charged = await charges(ctx.sandbox)
    for (const post of posts) expect(charged[post.body.idempotency_key as string]).to.equal(1)
    const shot = probe((shots.outputs.videos as string[])[0])
    const film = probe(doc.final as string)
    expect(doc.final).to.equal(join(out, 'film', 'concat.mp4'))
    expect(film.streams).to.include('video')
    expect(film.duration).to.be.closeTo(4 * shot.duration, 0.3)
    expect(existsSync(doc.report)).to.equal(true)

    await ctx.sandbox.clearRequests()
    const again = await ctx.cli([
      'pipeline',
      'run',
      'storyboard',
      '--var',
      'prompt=a fox in the snow',
      '--var',
      'duration=5',
      '--out',
      out,
      '--json',
    ])
    expect(again.exitCode, again.stderr).to.equal(0)
    const second = again.json<RunDoc>()
    expect(second.summary).to.include({steps: 4, completed: 4, resumed: 4, credits_spent: 0})
    expect(await creationPosts(ctx.sandbox)).to.deep.equal([])
    expect(await charges(ctx.sandbox)).to.deep.equal(charged)

    const status = await ctx.cli(['pipeline', 'status', 'storyboard', '--out', out, '--json'])
    expect(status.exitCode, status.stderr).to.equal(0)
    expectSchema('pipeline-status', status.json())
    expect(status.json<{counts: Record<string, number>}>().counts).to.include({total: 4, done: 4})
  })

  it('pipeline list and show describe the built-ins; show prints a runnable template', async function () {
    const list = await ctx.cli(['pipeline', 'list', '--json'])
    expect(list.exitCode, list.stderr).to.equal(0)
    expectSchema('pipeline-list', list.json())
    const names = list
      .json<{pipelines: Array<{name: string; vars: Record<string, unknown>}>}>()
      .pipelines.map((p) => p.name)
    expect(names).to.deep.equal(['storyboard', 'production', 'image-to-video', 'text-image-video', 'image-edit'])
    const show = await ctx.cli(['pipeline', 'show', 'image-edit'])
    expect(show.exitCode, show.stderr).to.equal(0)
    expectSchema('pipeline-show', (await ctx.cli(['pipeline', 'show', 'image-edit', '--json'])).json())
    const copy = pipelineFile('copy.yaml', show.stdout)
    const dry = await ctx.cli(['pipeline', 'run', copy, '--var', 'prompt=a harbour', '--dry-run', '--json'])
    expect(dry.exitCode, dry.stderr).to.equal(0)
    expect(dry.json<{steps: unknown[]}>().steps).to.have.length(4)
    const unknown = await ctx.cli(['pipeline', 'show', 'nope', '--json'])
    expect(unknown.exitCode).to.equal(6)

    // Agents learn the step kinds from capabilities.
    const capabilities = (await ctx.cli(['capabilities', '--json'])).json<{
      pipelines: Record<string, Record<string, Record<string, unknown>>>
    }>().pipelines
    expect(Object.keys(capabilities.local_steps)).to.deep.equal(['split', 'frame', 'concat', 'mux', 'download'])
    expect(capabilities.local_steps.split.fields).to.have.keys(['image', 'rows', 'columns'])
    expect(Object.keys(capabilities.creation_modes)).to.include.members([
      'video',
      'image',
      'extend',
      'upscale',
      'music',
    ])
    expect(capabilities.creation_modes.image.outputs).to.deep.equal({
      id: 'id',
      ids: 'ids',
      image: 'file',
      images: 'files',
    })
    expect(capabilities.builtins).to.deep.equal(names)
  })

  for (const [name, vars, streams] of [
    ['production', ['prompt=a fox crosses a frozen lake'], ['audio', 'video']],
    ['image-to-video', ['prompt=the sea moves', `image=${join(FIXTURES, 'sample.jpg')}`], ['video']],
    ['text-image-video', ['prompt=a lighthouse at dusk'], ['video']],
    ['image-edit', ['prompt=a quiet harbour'], ['video']],
  ] as const) {
    it(`built-in ${name} ends with a playable MP4`, async function () {
      const result = await ctx.cli(
        ['pipeline', 'run', name, ...vars.flatMap((v) => ['--var', v]), '--out', outDir(), '--json'],
        {timeoutMs: 120_000},
      )
      expect(result.exitCode, result.stderr).to.equal(0)
      const doc = result.json<RunDoc>()
      expect(doc.steps.every((s) => s.status === 'completed')).to.equal(true)
      expect(doc.final).to.match(/\.mp4$/)
      const final = probe(doc.final as string)
      for (const stream of streams) expect(final.streams).to.include(stream)
      expect(final.duration).to.be.greaterThan(0.5)
      if (name === 'production') {
        // The music is laid under the upscaled video, trimmed to its length.
        expect(final.duration).to.be.closeTo(
          probe(doc.steps.find((s) => s.id === 'sharper')?.outputs.video as string).duration,
          0.15,
        )
      }
    })
  }

  it('a failed step stops only the steps that read it; the exit code is the failure', async function () {
    const file = pipelineFile(
      'branches.yaml',
      [
        'steps:',
        '  - {id: doomed, mode: image, prompt: "never [sandbox:fail]"}',
        '  - {id: after_doomed, mode: video, image: "${doomed.image}", prompt: "moves"}',
        '  - {id: fine, mode: image, prompt: "a lighthouse"}',
        '  - {id: after_fine, mode: video, image: "${fine.id}", prompt: "waves"}',
        '',
      ].join('\n'),
    )
    const result = await ctx.cli(['pipeline', 'run', file, '--out', outDir(), '--json'], {timeoutMs: 120_000})
    expect(result.exitCode).to.equal(5)
    const doc = result.json<RunDoc>()
    expect(doc.steps.map((s) => [s.id, s.status])).to.deep.equal([
      ['doomed', 'failed'],
      ['after_doomed', 'blocked'],
      ['fine', 'completed'],
      ['after_fine', 'completed'],
    ])
    expect(doc.summary).to.include({failed: 1, blocked: 1, completed: 2, exit_code: 5})
    expectSchema('pipeline-run', doc)
    expect(String(result.errorJson().error)).to.match(/step doomed/)
  })

  it('--jsonl streams one line per finished step, then the summary', async function () {
    const file = pipelineFile(
      'two.json',
      JSON.stringify({
        name: 'two',
        steps: [
          {id: 'still', mode: 'image', prompt: 'a cat'},
          {id: 'clip', mode: 'video', image: '${still.id}', prompt: 'a cat walks'},
        ],
      }),
    )
    const result = await ctx.cli(['pipeline', 'run', file, '--out', outDir(), '--jsonl'], {timeoutMs: 120_000})
    expect(result.exitCode, result.stderr).to.equal(0)
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(lines.map((line) => line.id ?? 'summary')).to.deep.equal(['still', 'clip', 'summary'])
    expect((lines[2].summary as Record<string, number>).completed).to.equal(2)
  })

  it('after SIGTERM mid-run, the rerun waits for what was submitted and pays for each creation once', async function () {
    const out = outDir()
    const file = pipelineFile(
      'slow.yaml',
      [
        'name: slow',
        'steps:',
        '  - {id: board, mode: image, prompt: "board [sandbox:seconds=1]"}',
        '  - {id: panels, mode: split, image: "${board.image}", rows: 2, columns: 2}',
        '  - {id: shots, mode: video, for_each: "${panels.images}", image: "${item}", prompt: "shot ${index} [sandbox:seconds=5]"}',
        '  - {id: film, mode: concat, videos: "${shots.videos}"}',
        '',
      ].join('\n'),
    )
    const stateFile = join(out, 'pipeline.state.json')
    const child: ChildProcess = spawn(
      process.execPath,
      ['--import', LOOPBACK_GUARD, BIN, 'pipeline', 'run', file, '--out', out, '--json'],
      {
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          PIXVERSE_HOME: ctx.cli.home,
          PIXVERSE_API_BASE: ctx.sandbox.url,
          CI: '1',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let stdout = ''
    let stderr = ''
    child.stdout!.on('data', (c) => (stdout += c))
    child.stderr!.on('data', (c) => (stderr += c))
    const submittedShots = () => {
      if (!existsSync(stateFile)) return []
      const steps = JSON.parse(readFileSync(stateFile, 'utf8')).steps as Array<{
        id: string
        units?: Array<{status: string; key: string}>
      }>
      return (steps.find((s) => s.id === 'shots')?.units ?? []).filter((u) => u.status === 'submitted')
    }

    const deadline = Date.now() + 60_000
    while (Date.now() < deadline && submittedShots().length < 2) await new Promise((r) => setTimeout(r, 100))
    child.kill('SIGTERM')
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    expect(code, stderr).to.equal(143)
    expect(stdout).to.equal('')
    const keys = submittedShots().map((u) => u.key)
    expect(keys.length).to.be.greaterThan(1)
    // The interrupted run still says what it paid: the board and the shots it submitted.
    const interrupted = JSON.parse(
      stderr
        .trim()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .at(-1) as string,
    ) as {summary: {credits_spent: number}}
    const units = (
      JSON.parse(readFileSync(stateFile, 'utf8')).steps as Array<{units?: Array<{status: string; cost?: number}>}>
    ).flatMap((step) => step.units ?? [])
    const submittedCost = units.filter((u) => u.status !== 'pending').reduce((sum, u) => sum + (u.cost ?? 0), 0)
    expect(interrupted.summary.credits_spent).to.equal(submittedCost)

    await ctx.sandbox.clearRequests()
    const rerun = await ctx.cli(['pipeline', 'run', file, '--out', out, '--json'], {timeoutMs: 120_000})
    expect(rerun.exitCode, rerun.stderr).to.equal(0)
    const doc = rerun.json<RunDoc>()
    expect(doc.steps.map((s) => s.status)).to.deep.equal(['completed', 'completed', 'completed', 'completed'])
    const resent = (await creationPosts(ctx.sandbox)).filter((p) => keys.includes(p.body.idempotency_key as string))
    expect(resent, 'creations submitted before SIGTERM were sent again').to.deep.equal([])
    const charged = await charges(ctx.sandbox)
    for (const key of doc.steps.flatMap((s) => s.idempotency_keys ?? [])) expect(charged[key], key).to.equal(1)
    expect(probe(doc.final as string).streams).to.include('video')
  })

  it('storyboard interrupted at several points (Ctrl-C, SIGTERM, a crash) still ends with each creation charged once', async function () {
    const out = outDir()
    const args = [
      'pipeline',
      'run',
      'storyboard',
      '--var',
      'prompt=a heron [sandbox:seconds=3]',
      '--out',
      out,
      '--json',
    ]
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PIXVERSE_HOME: ctx.cli.home,
      PIXVERSE_API_BASE: ctx.sandbox.url,
      CI: '1',
    }
    const before = await charges(ctx.sandbox)
    // Points spread over the board, the split, the shots' submits and waits; SIGKILL stands for a crash.
    for (const [delay, signal] of [
      [1800, 'SIGINT'],
      [4200, 'SIGKILL'],
      [5200, 'SIGTERM'],
      [7500, 'SIGINT'],
    ] as const) {
      const child = spawn(process.execPath, ['--import', LOOPBACK_GUARD, BIN, ...args], {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      const closed = new Promise<number | null>((resolve) => child.on('close', resolve))
      await new Promise((r) => setTimeout(r, delay))
      child.kill(signal)
      const code = await closed
      // A run may also have finished before the signal came.
      expect([0, 130, 143, null]).to.include(code)
    }

    const final = await ctx.cli(args, {timeoutMs: 120_000})
    expect(final.exitCode, final.stderr).to.equal(0)
    const doc = final.json<RunDoc>()
    expect(doc.steps.every((s) => s.status === 'completed')).to.equal(true)
    const keys = doc.steps.flatMap((s) => s.idempotency_keys ?? [])
    expect(keys).to.have.length(5)
    // Every charge of these runs is one of the five creations, each exactly once.
    const charged = Object.entries(await charges(ctx.sandbox)).filter(([key]) => !(key in before))
    expect(Object.fromEntries(charged)).to.deep.equal(Object.fromEntries(keys.map((key) => [key, 1])))
    expect(probe(doc.final as string).streams).to.include('video')
  })
})

describe('pipeline local media steps (no service needed)', function () {
  this.timeout(120_000)
  let small: string

  before(function () {
    // A second video of another size, frame rate and without audio, made with ffmpeg.
    const dir = mkdtempSync(join(tmpdir(), 'pixverse-media-'))
    small = join(dir, 'small.mp4')
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=320x240:rate=24:duration=1.5',
      '-c:v',
      'libx264',
      '-pix_fmt',
      'yuv420p',
      small,
    ])
  })

  it('concat joins videos of different sizes and codecs; mux lays audio under it trimmed to its length; frame and split make images', async function () {
    const {runCli} = await import('../helpers/cli.js')
    const file = pipelineFile(
      'local.yaml',
      [
        'name: local',
        'vars:',
        '  clip: {required: true}',
        'steps:',
        `  - {id: joined, mode: concat, videos: ["\${clip}", "${small}", "${join(FIXTURES, 'sample.mp4')}"]}`,
        `  - {id: scored, mode: mux, video: "\${joined.video}", audio: "${join(FIXTURES, 'sample.mp3')}", fade-out: 0.5}`,
        '  - {id: last, mode: frame, video: "${scored.video}", at: last}',
        '  - {id: grid, mode: split, image: "${last.image}", rows: 3, columns: 2}',
        '',
      ].join('\n'),
    )
    const out = outDir()
    mkdirSync(join(out, '..'), {recursive: true})
    const result = await runCli(
      ['pipeline', 'run', file, '--var', `clip=${join(FIXTURES, 'sample.mp4')}`, '--out', out, '--json'],
      {env: {PIXVERSE_HOME: mkdtempSync(join(tmpdir(), 'pixverse-home-'))}},
    )
    expect(result.exitCode, result.stderr).to.equal(0)
    const doc = result.json<RunDoc>()
    const sample = probe(join(FIXTURES, 'sample.mp4'))
    const joined = probe(doc.steps[0].outputs.video as string)
    expect(joined).to.include({width: sample.width, height: sample.height})
    expect(joined.streams).to.deep.equal(['audio', 'video'])
    expect(joined.duration).to.be.closeTo(2 * sample.duration + 1.5, 0.25)
    const scored = probe(doc.steps[1].outputs.video as string)
    expect(scored.streams).to.deep.equal(['audio', 'video'])
    expect(scored.duration).to.be.closeTo(joined.duration, 0.15)
    expect(doc.steps[3].outputs.images).to.have.length(6)
    const sharp = (await import('sharp')).default
    const tile = await sharp((doc.steps[3].outputs.images as string[])[0]).metadata()
    expect(tile.width).to.equal(Math.floor((sample.width as number) / 2))
    expect(tile.height).to.equal(Math.floor((sample.height as number) / 3))
  })

  it('a pipeline that needs ffmpeg fails with exit 6 before anything is sent when ffmpeg is not on PATH', async function () {
    const {runCli} = await import('../helpers/cli.js')
    const file = pipelineFile(
      'needs.yaml',
      'steps:\n  - {id: a, mode: image, prompt: x}\n  - {id: b, mode: frame, video: "' +
        join(FIXTURES, 'sample.mp4') +
        '"}\n',
    )
    // The API base points nowhere: any request would fail with another code.
    const result = await runCli(['pipeline', 'run', file, '--out', outDir(), '--json'], {
      env: {
        PATH: mkdtempSync(join(tmpdir(), 'empty-path-')),
        PIXVERSE_HOME: mkdtempSync(join(tmpdir(), 'pixverse-home-')),
        PIXVERSE_API_BASE: 'http://127.0.0.1:9/creative_platform',
      },
    })
    expect(result.exitCode, result.stderr).to.equal(6)
    expect(String(result.errorJson().error)).to.match(
      /^Step b \(frame\) needs ffmpeg and ffprobe, which is not on PATH/,
    )
  })

  it('refuses an output folder that holds files it did not write', async function () {
    const {runCli} = await import('../helpers/cli.js')
    const out = outDir()
    mkdirSync(out, {recursive: true})
    writeFileSync(join(out, 'mine.txt'), 'keep me')
    const file = pipelineFile(
      'one.yaml',
      `steps:\n  - {id: a, mode: split, image: "${join(FIXTURES, 'sample.png')}"}\n`,
    )
    const result = await runCli(['pipeline', 'run', file, '--out', out, '--json'], {
      env: {PIXVERSE_HOME: mkdtempSync(join(tmpdir(), 'pixverse-home-'))},
    })
    expect(result.exitCode).to.equal(6)
    expect(String(result.errorJson().error)).to.match(/already holds files that no pipeline run wrote/)
    expect(readFileSync(join(out, 'mine.txt'), 'utf8')).to.equal('keep me')
  })
})
