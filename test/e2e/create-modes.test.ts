import {expect} from 'chai'
import {existsSync, readFileSync, statSync} from 'node:fs'
import {join} from 'node:path'

import {ROOT} from '../helpers/cli.js'
import {type SandboxProcess, useProductionSandbox} from '../helpers/sandbox.js'

const MEDIA = join(ROOT, 'fixtures', 'media')
const PNG = join(MEDIA, 'sample.png')
const JPG = join(MEDIA, 'sample.jpg')
const MP4 = join(MEDIA, 'sample.mp4')
const MP3 = join(MEDIA, 'sample.mp3')

type Body = Record<string, unknown>

// On the production code path (production defaults, the sandbox under the real host names), so every
// create mode, upload kind and download kind here runs the code a user's runs (issue 15).
describe('create: every mode end to end against the sandbox', function () {
  // Tasks of 1 ms: done by the first look, right after the submit, so a case rarely pays a
  // real 2 s poll (how long a task takes is not what these cases check).
  const ctx = useProductionSandbox({taskSeconds: 0.001})
  let videoId: number

  before(async function () {
    const made = await ctx.cli(['create', 'video', '--prompt', 'a source clip', '--json'])
    expect(made.exitCode, made.stderr).to.equal(0)
    videoId = made.json<{video_id: number}>().video_id
  })

  /** The body of the one submit to `endpoint` since the log was cleared. */
  async function submitted(endpoint: string): Promise<Body> {
    const hits = (await ctx.sandbox.requests()).filter((r) => r.path.endsWith(`/${endpoint}`))
    expect(hits, `one POST ${endpoint}`).to.have.length(1)
    return hits[0].body as Body
  }

  async function run(args: string[]) {
    await ctx.sandbox.clearRequests()
    const result = await ctx.cli([...args, '--json'])
    expect(result.exitCode, result.stderr).to.equal(0)
    return result
  }

  describe('image', function () {
    it('sends the documented default body (t2i) and waits for the image', async function () {
      const result = await run(['create', 'image', '--prompt', 'a dog'])
      const body = await submitted('image/t2i')
      expect(body).to.deep.include({
        prompt: 'a dog',
        model: 'gpt-image-2.0',
        quality: '1080p',
        create_count: 1,
        aspect_ratio: '16:9',
        detail_level: 'low',
        seed: 0,
        model_name_default: 'GPT Image 2',
      })
      expect(body.idempotency_key).to.match(/^pixverse-cli-/)
      const image = result.json()
      expect(image).to.include({status: 'completed', model: 'gpt-image-2.0', prompt: 'a dog'})
      expect(image.image_url).to.be.a('string')

      const dest = join(ctx.cli.home, 'images')
      const downloaded = await ctx.cli(['asset', 'download', String(image.image_id), '--dest', dest, '--json'])
      expect(downloaded.exitCode, downloaded.stderr).to.equal(0)
      const file = downloaded.json<{file: string}>().file
      expect(readFileSync(file).subarray(1, 4).toString('ascii')).to.equal('PNG')
    })

    it('uploads --image and --images for i2i, in order', async function () {
      const result = await run([
        'create',
        'image',
        '--prompt',
        'mix',
        '--image',
        PNG,
        '--images',
        JPG,
        PNG,
        '--no-wait',
      ])
      const body = await submitted('image/i2i')
      const paths = body.customer_img_paths as string[]
      expect(paths).to.have.length(3)
      expect(paths[0]).to.match(/\.png$/)
      expect(paths[1]).to.match(/\.jpg$/)
      expect(result.json().params).to.deep.include({customer_img_paths: paths})
    })
  })

  describe('transition', function () {
    it('2 frames: one prompt and duration, create_count and audio', async function () {
      await run(['create', 'transition', '--images', PNG, JPG, '--prompt', 'day to night', '--no-wait'])
      const body = await submitted('video/frames')
      expect(body).to.deep.include({
        model: 'v6',
        quality: '720p',
        prompts: ['day to night'],
        durations: [5],
        duration: 5,
        create_count: 1,
        prompt: 'day to night',
        audio: 1,
      })
      expect(body.customer_img_paths).to.have.length(2)
    })

    it('3 frames switch to v5 with a warning and send the documented body', async function () {
      await ctx.sandbox.clearRequests()
      const result = await ctx.cli(['create', 'transition', '--images', PNG, JPG, PNG, '--model', 'v5.6', '--json'])
      expect(result.exitCode, result.stderr).to.equal(0)
      expect(result.stderr).to.include('--model v5.6 does not support 3+ image transitions, using v5')
      const body = await submitted('video/frames')
      const {customer_img_paths: paths, idempotency_key: _key, ...rest} = body
      expect(paths).to.have.length(3)
      expect(rest).to.deep.equal({
        model: 'v5',
        quality: '720p',
        prompts: ['', ''],
        durations: [5, 5],
        model_name_default: 'PixVerse V5',
      })
      expect(result.json()).to.include({status: 'completed', model: 'v5'})
    })
  })

  describe('extend', function () {
    it('builds the body from a video id (first frame as last-frame URL, prompt " ")', async function () {
      const result = await run(['create', 'extend', '--video', String(videoId)])
      const body = await submitted('video/extend')
      expect(body).to.deep.include({
        original_video_id: videoId,
        model: 'v6',
        create_count: 1,
        duration: 5,
        prompt: ' ',
        audio: 1,
        quality: '720p',
        model_name_default: 'PixVerse V6',
      })
      expect(body.customer_video_path).to.be.a('string')
      expect(body.customer_video_last_frame_url).to.equal(body.customer_video_first_frame_url)
      expect(Object.keys(body).slice(0, 3)).to.deep.equal([
        'original_video_id',
        'customer_video_path',
        'customer_video_url',
      ])
      expect(result.json()).to.include({status: 'completed', model: 'v6'})
    })

    it('accepts --video-id as an alias of --video', async function () {
      await run(['create', 'extend', '--video-id', String(videoId), '--no-wait'])
      expect(await submitted('video/extend')).to.include({original_video_id: videoId})
    })

    it('uploads a local video and uses its last frame', async function () {
      await run(['create', 'extend', '--video', MP4, '--prompt', 'more', '--no-wait'])
      const body = await submitted('video/extend')
      expect(body.customer_video_path).to.match(/^upload\/.+\.mp4$/)
      expect(body.customer_video_last_frame_url).to.match(/last/)
      expect(body).not.to.have.property('original_video_id')
    })
  })

  describe('upscale', function () {
    it('sends only the id and path for a video id, and waits', async function () {
      const result = await run(['create', 'upscale', '--video', String(videoId)])
      const {idempotency_key: key, ...body} = await submitted('video/upscale')
      expect(key).to.be.a('string')
      expect(body).to.deep.equal({
        upscale: 1,
        quality: '2160p',
        original_video_id: videoId,
        customer_video_path: body.customer_video_path,
        platform: 'web',
      })
      expect(result.json()).to.include({status: 'completed'})
    })

    it('accepts the seed-era --quality 1080p', async function () {
      await run(['create', 'upscale', '--video', String(videoId), '--quality', '1080p', '--no-wait'])
      expect(await submitted('video/upscale')).to.include({quality: '1080p'})
    })
  })

  describe('reference', function () {
    it('sends images, and on Seedance videos and audio clips', async function () {
      const result = await run([
        'create',
        'reference',
        '--model',
        'seedance-2.0-fast',
        '--images',
        PNG,
        '--videos',
        MP4,
        '--audios',
        MP3,
        '--prompt',
        '@image1 dances like @video1',
      ])
      const body = await submitted('video/fusion')
      expect(body).to.include({
        model: 'seedance-2.0-fast',
        prompt: '@image1 dances like @video1',
        duration: 5,
        create_count: 1,
      })
      expect(body.customer_img_paths).to.have.length(1)
      expect(body.customer_video_paths).to.have.length(1)
      expect(body.customer_video_frame_paths).to.have.length(1)
      expect(body.customer_audio_paths).to.have.length(1)
      expect(result.json()).to.include({status: 'completed'})
    })
  })

  describe('template', function () {
    it('reads template/detail first, then a text-only video template goes to t2v', async function () {
      const result = await run(['create', 'template', '--template-id', '315000'])
      const log = (await ctx.sandbox.requests()).map((r) => r.path.split('/').slice(-2).join('/'))
      expect(log.indexOf('template/detail')).to.be.lessThan(log.indexOf('video/t2v'))
      const body = await submitted('video/t2v')
      expect(body).to.include({template_id: 315000, effect_type: 0, template_type: 1, create_count: 1})
      expect(body.prompt).to.match(/Muscle Surge/)
      expect(result.json()).to.include({status: 'completed'})
    })

    it('a 2-image video template sends customer_img_paths to i2v', async function () {
      await run(['create', 'template', '--template-id', '315002', '--image', PNG, JPG, '--no-wait'])
      const body = await submitted('video/i2v')
      expect(body).to.include({template_id: 315002, effect_type: 2, customer_img_count: 2})
      expect(body.customer_img_paths).to.have.length(2)
    })

    it('an image template returns an image result through image/i2i', async function () {
      const imageTemplate = await firstImageTemplate(ctx.sandbox)
      const effect = await effectType(ctx.sandbox, imageTemplate)
      const images = Array.from({length: effect}, () => PNG)
      const result = await run([
        'create',
        'template',
        '--template-id',
        String(imageTemplate),
        ...(images.length > 0 ? ['--image', ...images] : []),
      ])
      const body = await submitted('image/i2i')
      expect(body).not.to.have.property('prompt')
      expect(body).to.include({template_id: imageTemplate, template_type: 2})
      expect(result.json()).to.include({status: 'completed'})
      expect(result.json().image_id).to.be.a('number')
    })

    it('a video template that accepts a video goes to video/extend', async function () {
      const id = await videoTemplate(ctx.sandbox)
      await run(['create', 'template', '--template-id', String(id), '--video', String(videoId), '--no-wait'])
      const body = await submitted('video/extend')
      expect(body).to.include({template_id: id, original_video_id: videoId, supported_features: 1000})
      expect(body.customer_video_last_frame_url).to.be.a('string')
    })
  })

  describe('modify', function () {
    it('fetches the key frame at --keyframe-time and sends cut_time_ms', async function () {
      const result = await run([
        'create',
        'modify',
        '--video',
        String(videoId),
        '--prompt',
        'make @image1 red',
        '--images',
        PNG,
        '--keyframe-time',
        '1500',
      ])
      const frame = (await ctx.sandbox.requests()).find(
        (r) => r.path.endsWith('/video/frame/at_time') && (r.body as Body).time_ms === 1500,
      )
      expect(frame, 'frame look-up at 1500 ms').to.exist
      const body = await submitted('video/modify')
      expect(body).to.include({model: 'v5.5', prompt: 'make @image1 red', cut_time_ms: 1500, create_count: 1})
      expect(body.key_frame_path).to.match(/_1500\.jpg$/)
      expect(body.customer_img_paths).to.have.length(1)
      expect(result.json()).to.include({status: 'completed', model: 'v5.5'})
    })
  })

  it('modify: a --keyframe-time past the end of the video is exit 6 and nothing is submitted', async function () {
    await ctx.sandbox.clearRequests()
    const result = await ctx.cli([
      'create',
      'modify',
      '--video',
      String(videoId),
      '--prompt',
      'x',
      '--keyframe-time',
      '99000',
      '--json',
    ])
    expect(result.exitCode, result.stderr).to.equal(6)
    expect(String(result.errorJson().error)).to.match(/--keyframe-time 99000 ms is past the end of --video \(5000 ms\)/)
    expect((await ctx.sandbox.requests()).some((r) => r.path.endsWith('/video/modify'))).to.equal(false)
  })

  describe('motion-control', function () {
    it('prechecks the image before touching the video, then sends video/mimic', async function () {
      const result = await run(['create', 'motion-control', '--image', PNG, '--video', String(videoId)])
      const log = (await ctx.sandbox.requests()).map((r) => r.path)
      const precheck = log.findIndex((p) => p.endsWith('/video/mimic/precheck'))
      const detail = log.findIndex((p) => p.endsWith('/video/list/detail'))
      expect(precheck).to.be.greaterThan(-1)
      expect(precheck).to.be.lessThan(detail)
      const body = await submitted('video/mimic')
      expect(body).to.include({
        img_detection_result: 1,
        video_detection_result: 1,
        model: 'v5.6',
        quality: '720p',
        original_video_id: videoId,
      })
      expect(result.json()).to.include({status: 'completed'})
    })

    it('a refused character is exit 6 and nothing is submitted', async function () {
      await ctx.sandbox.clearRequests()
      const result = await ctx.cli([
        'create',
        'motion-control',
        '--image',
        'upload/nobody.png',
        '--video',
        String(videoId),
        '--json',
      ])
      expect(result.exitCode).to.equal(6)
      expect(result.errorJson().error).to.match(/--image/)
      const log = (await ctx.sandbox.requests()).map((r) => r.path)
      expect(log.some((p) => p.endsWith('/video/mimic'))).to.equal(false)
      expect(log.some((p) => p.endsWith('/video/list/detail'))).to.equal(false)
    })
  })

  describe('speech and sound (seed era)', function () {
    it('speech: TTS text with the default speaker', async function () {
      const result = await run(['create', 'speech', '--video', String(videoId), '--tts-text', 'hello there'])
      const body = await submitted('video/lip_sync')
      expect(body).to.include({
        original_video_id: videoId,
        lip_sync_tts_content: 'hello there',
        lip_sync_tts_speaker_id: 'Auto',
        model: 'v5',
        create_count: 1,
      })
      expect(result.json()).to.include({status: 'completed'})
    })

    it('speech: an uploaded audio file and --keep-original-sound', async function () {
      await run(['create', 'speech', '--video', String(videoId), '--audio', MP3, '--keep-original-sound', '--no-wait'])
      const body = await submitted('video/lip_sync')
      expect(body.customer_lip_sync_audio_path).to.match(/^upload\/.+\.mp3$/)
      expect(body).to.include({original_sound_switch: 1})
      expect(body).not.to.have.property('lip_sync_tts_content')
    })

    it('sound: the prompt becomes sound_effect_content', async function () {
      const result = await run([
        'create',
        'sound',
        '--video',
        String(videoId),
        '--prompt',
        'rain',
        '--keep-original-sound',
      ])
      const body = await submitted('video/sound_effect')
      expect(body).to.include({sound_effect_content: 'rain', original_sound_switch: 1, model: 'v5', create_count: 1})
      expect(result.json()).to.include({status: 'completed', prompt: 'rain'})
    })
  })

  describe('voice', function () {
    it('sends the documented body, waits, and downloads with --output', async function () {
      const out = join(ctx.cli.home, 'voice.mp3')
      const result = await run(['create', 'voice', '--text', 'hello', '--voice-id', 'v1', '--output', out])
      const {...body} = await submitted('speech/tts/generate')
      expect(body).to.deep.equal({
        text: 'hello',
        model: 'speech-2.8-hd',
        voice_id: 'v1',
        voice_settings: {speed: 1, volume: 1, pitch: 0},
        model_name_default: 'MiniMax Speech 2.8 HD',
      })
      const voice = result.json()
      expect(voice).to.include({status: 'completed', model: 'speech-2.8-hd', local_path: out})
      expect(voice).to.include.keys(
        'audio_id',
        'trace_id',
        'audio_url',
        'duration',
        'file_size',
        'format',
        'voice',
        'credits',
      )
      expect(voice).not.to.have.property('idempotency_key')
      expect(statSync(out).size).to.equal(voice.file_size)
      expect(readFileSync(out).subarray(0, 3).toString('latin1')).to.match(/^(ID3|\xff)/)
    })

    it('--no-wait returns the audio id, credits and params', async function () {
      const result = await run([
        'create',
        'voice',
        '--text',
        'hi',
        '--model',
        'eleven-multilingual-v2',
        '--voice-id',
        'v2',
        '--stability',
        '0.4',
        '--language',
        'en',
        '--client-request-id',
        'req-1',
        '--no-wait',
      ])
      const body = await submitted('speech/tts/generate')
      expect(body).to.deep.include({
        voice_settings: {stability: 0.4, similarity_boost: 0.75, speed: 1, style: 0, use_speaker_boost: true},
        language_code: 'en',
        client_request_id: 'req-1',
      })
      const out = result.json()
      expect(out).to.include({status: 'submitted'})
      expect(out.audio_id).to.be.a('number')
      expect(out.credits).to.be.a('number')
      expect(out.params).to.deep.include({model: 'eleven-multilingual-v2', voice_id: 'v2'})
    })
  })

  describe('music', function () {
    it('sends the documented body with JSON booleans, waits, and downloads into a folder', async function () {
      const dir = join(ctx.cli.home, 'music')
      const result = await run([
        'create',
        'music',
        '--prompt',
        'a folk ballad',
        '--lyrics',
        'la la la',
        '--duration-seconds',
        '60',
        '--output',
        dir,
      ])
      const body = await submitted('music/generate')
      expect(body).to.deep.equal({
        model: 'music-2.6',
        prompt: 'a folk ballad',
        instrumental: false,
        auto_lyrics: false,
        duration_auto: false,
        duration_seconds: 60,
        lyrics: 'la la la',
        image_paths: [],
        model_name_default: 'MiniMax Music 2.6',
      })
      const music = result.json()
      expect(music).to.include({status: 'completed', create_mode: 'music'})
      expect(music).to.include.keys(
        'audio_id',
        'asset_id',
        'audio_url',
        'audio_path',
        'duration',
        'credits',
        'local_path',
      )
      expect(String(music.local_path).startsWith(dir)).to.equal(true)
      expect(existsSync(String(music.local_path))).to.equal(true)
    })

    it('--instrumental wins over --auto-lyrics and --lyrics (with warnings)', async function () {
      await ctx.sandbox.clearRequests()
      const result = await ctx.cli([
        'create',
        'music',
        '--prompt',
        'x',
        '--instrumental',
        '--auto-lyrics',
        '--lyrics',
        'words',
        '--no-wait',
        '--json',
      ])
      expect(result.exitCode, result.stderr).to.equal(0)
      expect(result.stderr).to.include('ignoring --auto-lyrics')
      const body = await submitted('music/generate')
      expect(body).to.include({instrumental: true, auto_lyrics: false, duration_auto: true, duration_seconds: 0})
      expect(body).not.to.have.property('lyrics')
      expect(result.json()).to.include.keys(
        'audio_id',
        'asset_id',
        'asset_type',
        'asset_source',
        'create_mode',
        'status',
        'audio_status',
        'credits',
        'params',
      )
    })

    it('Lyria takes --image (uploaded to image_paths)', async function () {
      await run([
        'create',
        'music',
        '--model',
        'lyria-3-pro-preview',
        '--prompt',
        'scene music',
        '--image',
        PNG,
        '--auto-lyrics',
        '--no-wait',
      ])
      const body = await submitted('music/generate')
      expect(body.image_paths).to.have.length(1)
      expect(body).to.include({auto_lyrics: true, model: 'lyria-3-pro-preview'})
    })
  })

  describe('--count 2..4', function () {
    const cases: Array<[string, string[]]> = [
      ['video', ['create', 'video', '--prompt', 'many [sandbox:fail=1]']],
      ['image', ['create', 'image', '--prompt', 'many [sandbox:fail=1]']],
      ['transition', ['create', 'transition', '--images', PNG, JPG, '--prompt', 'many [sandbox:fail=1]']],
      ['extend', ['create', 'extend', '--video', 'VIDEO', '--prompt', 'many [sandbox:fail=1]']],
      ['reference', ['create', 'reference', '--images', PNG, '--prompt', 'many [sandbox:fail=1]']],
      ['template', ['create', 'template', '--template-id', '315000', '--prompt', 'many [sandbox:fail=1]']],
      ['modify', ['create', 'modify', '--video', 'VIDEO', '--prompt', 'many [sandbox:fail=1]']],
      [
        'motion-control',
        ['create', 'motion-control', '--image', 'upload/person [sandbox:fail=1].png', '--video', 'VIDEO'],
      ],
      ['speech', ['create', 'speech', '--video', 'VIDEO', '--tts-text', 'many [sandbox:fail=1]']],
      ['sound', ['create', 'sound', '--video', 'VIDEO', '--prompt', 'many [sandbox:fail=1]']],
    ]
    for (const [mode, args] of cases) {
      it(`${mode}: a partial failure prints the successes, status partial, failed_ids, exit 5`, async function () {
        const argv = args.map((a) => (a === 'VIDEO' ? String(videoId) : a))
        const result = await ctx.cli([...argv, '--count', '3', '--json'])
        expect(result.exitCode, result.stderr).to.equal(5)
        const out = result.json<{status: string; items: Body[]; failed_ids: number[]; fail_count: number}>()
        expect(out.status).to.equal('partial')
        expect(out.items).to.have.length(2)
        expect(out.failed_ids).to.have.length(1)
        expect(out.fail_count).to.equal(1)
        for (const item of out.items) expect(item.status).to.equal('completed')
      })
    }

    it('all ids succeed: status completed with every item', async function () {
      const result = await ctx.cli(['create', 'image', '--prompt', 'two', '--count', '2', '--json'])
      expect(result.exitCode, result.stderr).to.equal(0)
      const out = result.json<{status: string; items: Body[]}>()
      expect(out.status).to.equal('completed')
      expect(out.items).to.have.length(2)
    })
  })
})

async function templates(
  sandbox: SandboxProcess,
): Promise<Array<{template_id: number; template_type: number; effect_type: number; supported_features: number}>> {
  // The seeded templates, read straight from the sandbox API with a minted access key.
  const response = await fetch(
    `${sandbox.url}/content/template/list?primary_category=3&platform=web&limit=100&offset=0`,
    {headers: {'Access-Key': await anyToken(sandbox)}},
  )
  const json = (await response.json()) as {
    Resp: {data: Array<{template_id: number; template_type: number; effect_type: number; supported_features: number}>}
  }
  return json.Resp.data
}

async function anyToken(sandbox: SandboxProcess): Promise<string> {
  const {access_key: key} = (await sandbox.control('access-keys')) as {access_key: string}
  return key
}

async function firstImageTemplate(sandbox: SandboxProcess): Promise<number> {
  return (await templates(sandbox)).find((t) => t.template_type === 2)!.template_id
}

async function effectType(sandbox: SandboxProcess, id: number): Promise<number> {
  return (await templates(sandbox)).find((t) => t.template_id === id)!.effect_type
}

async function videoTemplate(sandbox: SandboxProcess): Promise<number> {
  return (await templates(sandbox)).find((t) => t.supported_features === 1000)!.template_id
}
