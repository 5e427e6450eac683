import {expect} from 'chai'
import {join} from 'node:path'

import {ROOT} from '../helpers/cli.js'
import {useSandbox} from '../helpers/sandbox.js'
import {useTestClock} from '../helpers/test-clock.js'

const PNG = join(ROOT, 'fixtures', 'media', 'sample.png')
const JPG = join(ROOT, 'fixtures', 'media', 'sample.jpg')
const MP4 = join(ROOT, 'fixtures', 'media', 'sample.mp4')
const MP3 = join(ROOT, 'fixtures', 'media', 'sample.mp3')

/**
 * The option matrix of docs/cli.md §6: for each command, the required flags, then one run per
 * optional cell (`VIDEO` = a finished sandbox video id, `V2V` = the template that takes a video).
 * Every run is `--no-wait --json` against the sandbox and must succeed.
 */
const MATRIX: Record<string, {base: string[]; cells: string[][]; baseAlone?: false}> = {
  video: {
    base: ['--prompt', 'a cat'],
    cells: [
      ['--image', PNG],
      ['--asset-image', 'upload/seed.png'],
      ['-m', 'v5.6'],
      ['--model', 'seedance-2.0-fast'],
      ['-q', '1080p'],
      ['--quality', '540p'],
      ['-d', '8'],
      ['--duration', '10'],
      ['--aspect-ratio', '9:16'],
      ['--seed', '-3'],
      ['--count', '2'],
      ['--audio'],
      ['--no-audio'],
      ['--multi-shot'],
      ['--no-multi-shot'],
      ['--off-peak'],
      ['--idempotency-key', 'k-video'],
      ['--timeout', '30'],
    ],
  },
  image: {
    base: ['--prompt', 'a dog'],
    cells: [
      ['--image', PNG],
      ['--images', PNG, JPG],
      ['--asset-image', 'upload/seed.png'],
      ['-m', 'qwen-image'],
      ['--model', 'gemini-3.1-flash'],
      ['-q', '2160p'],
      ['--aspect-ratio', '1:1'],
      ['--seed', '7'],
      ['--count', '2'],
      ['--idempotency-key', 'k-image'],
      ['--detail-level', 'medium'],
      ['--timeout', '30'],
    ],
  },
  transition: {
    base: ['--images', PNG, JPG],
    cells: [
      ['--prompt', 'morph'],
      ['-m', 'v5.6'],
      ['-q', '540p'],
      ['-d', '5'],
      ['--seed', '1'],
      ['--count', '2'],
      ['--audio'],
      ['--no-audio'],
      ['--off-peak'],
      ['--idempotency-key', 'k-transition'],
      ['--timeout', '30'],
      ['--images', PNG],
    ],
  },
  extend: {
    base: ['--video', 'VIDEO'],
    cells: [
      ['--prompt', 'more'],
      ['-m', 'grok-imagine'],
      ['-q', '1080p'],
      ['-d', '8'],
      ['--seed', '2'],
      ['--count', '2'],
      ['--audio'],
      ['--no-audio'],
      ['--off-peak'],
      ['--idempotency-key', 'k-extend'],
      ['--timeout', '30'],
    ],
  },
  modify: {
    base: ['--video', 'VIDEO', '--prompt', 'red'],
    cells: [
      ['--images', PNG, JPG],
      ['-m', 'v5.5'],
      ['-q', '1080p'],
      ['--seed', '3'],
      ['--count', '2'],
      ['--off-peak'],
      ['--idempotency-key', 'k-modify'],
      ['--keyframe-time', '1000'],
      ['--timeout', '30'],
    ],
  },
  upscale: {
    base: ['--video', 'VIDEO'],
    cells: [
      ['-q', '1080p'],
      ['--quality', '1440p'],
      ['--quality', '2160p'],
      ['--idempotency-key', 'k-upscale'],
      ['--timeout', '30'],
    ],
  },
  reference: {
    base: ['--images', PNG, '--prompt', '@image1 waves'],
    cells: [
      ['-m', 'pixverse-c1'],
      ['-q', '1080p'],
      ['-d', '8'],
      ['--aspect-ratio', '1:1'],
      ['--seed', '4'],
      ['--count', '2'],
      ['--audio'],
      ['--no-audio'],
      ['--off-peak'],
      ['--idempotency-key', 'k-reference'],
      ['--timeout', '30'],
      ['--model', 'seedance-2.0-standard', '--videos', MP4],
      ['--model', 'seedance-2.0-mini', '--audios', MP3],
    ],
  },
  'motion-control': {
    base: ['--image', PNG, '--video', 'VIDEO'],
    cells: [
      ['-m', 'v5.6'],
      ['-q', '1080p'],
      ['--count', '2'],
      ['--off-peak'],
      ['--idempotency-key', 'k-motion'],
      ['--timeout', '30'],
    ],
  },
  template: {
    base: ['--template-id', '315001', '--image', PNG],
    cells: [
      ['--prompt', 'override'],
      ['-q', '1080p'],
      ['-d', '8'],
      ['--aspect-ratio', '9:16'],
      ['--seed', '5'],
      ['--count', '2'],
      ['--off-peak'],
      ['--idempotency-key', 'k-template'],
      ['--timeout', '30'],
    ],
  },
  voice: {
    base: ['--text', 'hello', '--voice-id', 'v1'],
    cells: [
      ['-m', 'speech-2.8-turbo'],
      ['--provider-voice-id', 'raw-1'],
      ['--language', 'en'],
      ['--speed', '1.5'],
      ['--volume', '5'],
      ['--pitch', '-2'],
      ['--emotion', 'happy'],
      ['--client-request-id', 'r-1'],
      ['--output', 'OUT'],
      ['--timeout', '30'],
      [
        '-m',
        'eleven-multilingual-v2',
        '--stability',
        '0.3',
        '--similarity-boost',
        '0.9',
        '--speed',
        '0.8',
        '--style',
        '0.2',
        '--no-use-speaker-boost',
      ],
      ['-m', 'eleven-v3'],
      ['-m', 'eleven-multilingual-v2', '--use-speaker-boost'],
    ],
  },
  music: {
    base: ['--prompt', 'synthwave', '--instrumental'],
    cells: [
      ['-m', 'music-v1'],
      ['--auto-lyrics'],
      ['--lyrics', 'la la'],
      ['--no-duration-auto', '--duration-seconds', '30'],
      ['--duration-auto'],
      ['--model', 'lyria-3-pro-preview', '--image', PNG, JPG],
      ['--client-request-id', 'r-2'],
      ['--output', 'OUT'],
      ['--timeout', '30'],
    ],
  },
  speech: {
    // --audio or --tts-text is required, so the cells carry one of them.
    baseAlone: false,
    base: ['--video', 'VIDEO'],
    cells: [
      ['--tts-text', 'hello'],
      ['--tts-text', 'hi', '--tts-speaker', 'Anna'],
      ['--audio', MP3],
      ['--audio', MP3, '--keep-original-sound'],
      ['--tts-text', 'x', '-m', 'v5.6'],
      ['--tts-text', 'x', '--count', '2'],
      ['--tts-text', 'x', '--off-peak'],
      ['--tts-text', 'x', '--timeout', '30'],
    ],
  },
  sound: {
    base: ['--video', 'VIDEO', '--prompt', 'rain'],
    cells: [['-m', 'v5.5'], ['--keep-original-sound'], ['--count', '2'], ['--off-peak'], ['--timeout', '30']],
  },
}

describe('create: every cell of the option matrix (docs/cli.md §6) and documented lines (§5, §8)', function () {
  // In-process on a test clock: the subject is each mode's flags and request, not the process.
  const ctx = useSandbox({inProcess: true})
  useTestClock({realMsPerSecond: 50})
  let videoId: string
  let v2vTemplate: string

  before(async function () {
    await ctx.sandbox.configure({credits: 1_000_000, slots: 100})
    const made = await ctx.cli(['create', 'video', '--prompt', 'source', '--json'])
    expect(made.exitCode, made.stderr).to.equal(0)
    videoId = String(made.json().video_id)
    const {access_key: key} = (await ctx.sandbox.control('access-keys')) as {access_key: string}
    const list = await fetch(
      `${ctx.sandbox.url}/content/template/list?primary_category=3&platform=web&limit=100&offset=0`,
      {headers: {'Access-Key': key}},
    )
    const {Resp} = (await list.json()) as {Resp: {data: Array<{template_id: number; supported_features: number}>}}
    v2vTemplate = String(Resp.data.find((t) => t.supported_features === 1000)!.template_id)
  })

  const fill = (args: string[]) =>
    args.map((a) => (a === 'VIDEO' ? videoId : a === 'V2V' ? v2vTemplate : a === 'OUT' ? join(ctx.cli.home, 'out') : a))

  for (const [command, {base, cells, baseAlone}] of Object.entries(MATRIX)) {
    describe(command, function () {
      for (const cell of baseAlone === false ? cells : [[], ...cells]) {
        it(
          cell.length === 0 ? '(required flags only)' : cell.filter((a) => !a.includes('/')).join(' '),
          async function () {
            const result = await ctx.cli(['create', command, ...fill(base), ...fill(cell), '--no-wait', '--json'])
            expect(result.exitCode, result.stderr).to.equal(0)
            const out = result.json()
            expect(out.status).to.equal('submitted')
            expect(out.params).to.be.an('object')
          },
        )
      }
    })
  }

  it('template: a video for the template that takes one', async function () {
    const result = await ctx.cli([
      'create',
      'template',
      '--template-id',
      v2vTemplate,
      '--video',
      videoId,
      '--no-wait',
      '--json',
    ])
    expect(result.exitCode, result.stderr).to.equal(0)
  })

  describe('documented command lines', function () {
    it('pixverse create upscale --video … --quality 1080p --json', async function () {
      const result = await ctx.cli(['create', 'upscale', '--video', videoId, '--quality', '1080p', '--json'])
      expect(result.exitCode, result.stderr).to.equal(0)
      expect(result.json()).to.include({status: 'completed'})
    })

    it('pixverse create template --template-id <id> [--image ...] --json', async function () {
      const result = await ctx.cli(['create', 'template', '--template-id', '315001', '--image', PNG, '--json'])
      expect(result.exitCode, result.stderr).to.equal(0)
    })

    it('pixverse create video --prompt x -p', async function () {
      const result = await ctx.cli(['create', 'video', '--prompt', 'x', '-p', '--no-wait'])
      expect(result.exitCode, result.stderr).to.equal(0)
      expect(result.json().status).to.equal('submitted')
    })

    it('pixverse create extend --model seedance-2.0-fast --video-id 987654 --prompt "..." parses, then the model is refused', async function () {
      await ctx.sandbox.clearRequests()
      const result = await ctx.cli([
        'create',
        'extend',
        '--model',
        'seedance-2.0-fast',
        '--video-id',
        '987654',
        '--prompt',
        '...',
        '--json',
      ])
      expect(result.exitCode).to.equal(6)
      const error = String(result.errorJson().error)
      expect(error).to.match(/--model/)
      expect(error).not.to.match(/video-id/)
      expect(await ctx.sandbox.requests()).to.deep.equal([])
    })

    it('pixverse create speech … / create sound … exist (seed era)', async function () {
      for (const command of ['speech', 'sound']) {
        const help = await ctx.cli(['create', command, '--help'])
        expect(help.exitCode, help.stderr).to.equal(0)
        expect(help.stdout).to.include('--video')
      }
    })
  })
})
