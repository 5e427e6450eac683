import {expect} from 'chai'
import {execFileSync} from 'node:child_process'
import {existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {FIXTURES, type RunDoc, charges, creationPosts, outDir, pipelineFile, probe} from '../helpers/pipeline.js'
import {useSandbox} from '../helpers/sandbox.js'
import {expectSchema} from '../helpers/schema.js'
import {useTestClock} from '../helpers/test-clock.js'

describe('pipeline run: a production in one resumable command', function () {
  this.timeout(240_000)
  // In-process: planning, steps, reruns and the final MP4 are the pipeline engine's doing (signals,
  // where the process is the subject, stay in test/e2e/pipeline-interrupt.test.ts). Polls run on the
  // test clock.
  const ctx = useSandbox({flags: ['--slots', '4'], inProcess: true})
  useTestClock({realMsPerSecond: 50})

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
    // The same command twice: the rerun must find everything done.
    const storyboard = ['pipeline', 'run', 'storyboard', '--var', 'prompt=a fox in the snow', '--var', 'duration=5']
    const result = await ctx.cli([...storyboard, '--out', out, '--json'], {timeoutMs: 120_000})
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
    const again = await ctx.cli([...storyboard, '--out', out, '--json'])
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
