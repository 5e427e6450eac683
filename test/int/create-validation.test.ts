import {expect} from 'chai'
import {mkdtempSync, truncateSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {ROOT} from '../helpers/cli.js'
import {useSandbox} from '../helpers/sandbox.js'
import {useTestClock} from '../helpers/test-clock.js'

const PNG = join(ROOT, 'fixtures', 'media', 'sample.png')
const MP4 = join(ROOT, 'fixtures', 'media', 'sample.mp4')
const MP3 = join(ROOT, 'fixtures', 'media', 'sample.mp3')
const n = (count: number, value: string) => Array.from({length: count}, () => value)

/** [what, argv after `create`, the error must match]. Every one is exit 6 with nothing sent. */
const CASES: Array<[string, string[], RegExp]> = [
  // image
  ['image without --prompt', ['image'], /--prompt is required/],
  ['image: a video model', ['image', '--prompt', 'x', '--model', 'v6'], /--model.*(gpt-image-2\.0|one of)/s],
  [
    'image: --detail-level on another model',
    ['image', '--prompt', 'x', '--model', 'qwen-image', '--detail-level', 'high'],
    /--detail-level is only supported by gpt-image-2\.0/,
  ],
  [
    'image: unknown --detail-level',
    ['image', '--prompt', 'x', '--detail-level', 'extreme'],
    /--detail-level.*low, medium, high/,
  ],
  [
    'image: too many images for qwen-image',
    ['image', '--prompt', 'x', '--model', 'qwen-image', '--images', ...n(4, PNG)],
    /at most 3 images.*got 4/,
  ],
  [
    'image: --image plus --images over kling-image-v3',
    ['image', '--prompt', 'x', '--model', 'kling-image-v3', '--image', PNG, '--images', PNG],
    /at most 1 image/,
  ],
  [
    'image: --count 5',
    ['image', '--prompt', 'x', '--count', '5'],
    /Invalid --count value: "5" \(must be an integer between 1 and 4\)/,
  ],
  ['image: http URL', ['image', '--prompt', 'x', '--image', 'http://example.com/a.png'], /Only HTTPS URLs are allowed/],
  // transition
  [
    'transition with one image',
    ['transition', '--images', PNG],
    /At least 2 images are required for transition \(use --images\)/,
  ],
  ['transition without images', ['transition', '--prompt', 'x'], /At least 2 images are required for transition/],
  ['transition: a model of another mode', ['transition', '--images', PNG, PNG, '--model', 'sora-2'], /--model/],
  ['transition: --duration 0', ['transition', '--images', PNG, PNG, '--duration', '0'], /Invalid --duration value/],
  // extend
  ['extend without --video', ['extend', '--prompt', 'x'], /--video is required/],
  [
    'extend: the documented seedance line',
    ['extend', '--model', 'seedance-2.0-fast', '--video-id', '987654', '--prompt', 'x'],
    /--model.*(v6|one of)/s,
  ],
  ['extend: a missing file', ['extend', '--video', './missing.mp4'], /--video value "\.\/missing\.mp4": no such file/],
  // upscale
  ['upscale without --video', ['upscale'], /--video is required/],
  ['upscale: --quality 720p', ['upscale', '--video', '123', '--quality', '720p'], /--quality.*1080p, 1440p, 2160p/s],
  ['upscale: --model is not a flag', ['upscale', '--video', '123', '--model', 'v6'], /--model/],
  // reference
  [
    'reference without images',
    ['reference', '--prompt', 'x'],
    /At least 1 image is required for reference \(use --images\)/,
  ],
  ['reference without --prompt', ['reference', '--images', PNG], /--prompt is required/],
  [
    'reference: --videos on v6',
    ['reference', '--prompt', 'x', '--images', PNG, '--videos', MP4],
    /does not accept --videos.*seedance-2\.0-standard/,
  ],
  [
    'reference: --audios on v6',
    ['reference', '--prompt', 'x', '--images', PNG, '--audios', MP3],
    /does not accept --audios/,
  ],
  [
    'reference: 10 images on seedance',
    ['reference', '--prompt', 'x', '--model', 'seedance-2.0-fast', '--images', ...n(10, PNG)],
    /at most 9 images/,
  ],
  [
    'reference: 6 images on gemini-omni-flash',
    ['reference', '--prompt', 'x', '--model', 'gemini-omni-flash', '--images', ...n(6, PNG)],
    /at most 5 images/,
  ],
  [
    'reference: 4 videos on seedance',
    ['reference', '--prompt', 'x', '--model', 'seedance-2.0-fast', '--images', PNG, '--videos', ...n(4, MP4)],
    /at most 3 videos/,
  ],
  [
    'reference: 4 audios on seedance',
    ['reference', '--prompt', 'x', '--model', 'seedance-2.0-fast', '--images', PNG, '--audios', ...n(4, MP3)],
    /at most 3 audio clips/,
  ],
  // template
  ['template without --template-id', ['template'], /--template-id is required/],
  [
    'template: --image and --video',
    ['template', '--template-id', '315001', '--image', PNG, '--video', MP4],
    /either --image or --video/,
  ],
  ['template: bad --quality', ['template', '--template-id', '315001', '--quality', '999p'], /--quality/],
  ['template: --template-id abc', ['template', '--template-id', 'abc'], /Invalid --template-id value/],
  // modify
  ['modify without --prompt', ['modify', '--video', '123'], /--prompt is required/],
  ['modify without --video', ['modify', '--prompt', 'x'], /--video is required/],
  ['modify: 6 images', ['modify', '--video', '123', '--prompt', 'x', '--images', ...n(6, PNG)], /at most 5 images/],
  [
    'modify: --keyframe-time abc',
    ['modify', '--video', '123', '--prompt', 'x', '--keyframe-time', 'abc'],
    /Invalid --keyframe-time value/,
  ],
  ['modify: a model other than v5.5', ['modify', '--video', '123', '--prompt', 'x', '--model', 'v6'], /--model/],
  // motion-control
  ['motion-control without --image', ['motion-control', '--video', '123'], /--image is required/],
  ['motion-control without --video', ['motion-control', '--image', PNG], /--video is required/],
  // speech / sound
  ['speech without --audio or --tts-text', ['speech', '--video', '123'], /--audio or --tts-text is required/],
  [
    'speech with both',
    ['speech', '--video', '123', '--audio', MP3, '--tts-text', 'hi'],
    /either --audio or --tts-text/,
  ],
  ['speech without --video', ['speech', '--tts-text', 'hi'], /--video is required/],
  ['sound without --prompt', ['sound', '--video', '123'], /--prompt is required/],
  // voice
  ['voice without --text', ['voice', '--voice-id', 'v1'], /--text is required/],
  [
    'voice without a voice',
    ['voice', '--text', 'hi'],
    /A voice is required — pass --voice-id \(or --provider-voice-id\)/,
  ],
  [
    'voice: MiniMax flag on ElevenLabs',
    ['voice', '--text', 'hi', '--voice-id', 'v1', '--model', 'eleven-v3', '--volume', '2'],
    /--volume is not supported by ElevenLabs model "eleven-v3"/,
  ],
  [
    'voice: ElevenLabs flag on MiniMax',
    ['voice', '--text', 'hi', '--voice-id', 'v1', '--stability', '0.5'],
    /--stability is not supported by MiniMax/,
  ],
  [
    'voice: --style on eleven-v3',
    ['voice', '--text', 'hi', '--voice-id', 'v1', '--model', 'eleven-v3', '--style', '0.5'],
    /--style is not supported.*eleven-multilingual-v2/,
  ],
  [
    'voice: MiniMax --speed 3',
    ['voice', '--text', 'hi', '--voice-id', 'v1', '--speed', '3'],
    /--speed must be between 0\.5 and 2/,
  ],
  [
    'voice: ElevenLabs --speed 1.5',
    ['voice', '--text', 'hi', '--voice-id', 'v1', '--model', 'eleven-turbo-v2.5', '--speed', '1.5'],
    /--speed must be between 0\.7 and 1\.2/,
  ],
  [
    'voice: --pitch 13',
    ['voice', '--text', 'hi', '--voice-id', 'v1', '--pitch', '13'],
    /--pitch must be an integer between -12 and 12/,
  ],
  [
    'voice: unknown --emotion',
    ['voice', '--text', 'hi', '--voice-id', 'v1', '--emotion', 'grumpy'],
    /--emotion.*happy/,
  ],
  ['voice: unknown model', ['voice', '--text', 'hi', '--voice-id', 'v1', '--model', 'eleven_v3'], /--model/],
  [
    'voice: text over the model limit',
    ['voice', '--text', 'x'.repeat(5001), '--voice-id', 'v1', '--model', 'eleven-v3'],
    /--text is too long for eleven-v3: 5001 characters \(max 5000\)/,
  ],
  // music
  ['music without --prompt', ['music', '--instrumental'], /--prompt is required/],
  [
    'music: lyrics required',
    ['music', '--prompt', 'x'],
    /--lyrics is required unless --instrumental or --auto-lyrics is used/,
  ],
  [
    'music: Lyria rejects --lyrics',
    ['music', '--prompt', 'x', '--model', 'lyria-3-pro-preview', '--lyrics', 'la', '--instrumental'],
    /Google Lyria 3 Pro does not support --lyrics/,
  ],
  [
    'music: --image on music-2.6',
    ['music', '--prompt', 'x', '--instrumental', '--image', PNG],
    /--image is only supported by lyria-3-pro-preview/,
  ],
  [
    'music: 11 images on Lyria',
    ['music', '--prompt', 'x', '--model', 'lyria-3-pro-preview', '--image', ...n(11, PNG)],
    /at most 10 images/,
  ],
  [
    'music: --duration-seconds 5',
    ['music', '--prompt', 'x', '--instrumental', '--duration-seconds', '5'],
    /--duration-seconds must be an integer between 10 and 240/,
  ],
  [
    'music: --no-duration-auto alone',
    ['music', '--prompt', 'x', '--instrumental', '--no-duration-auto'],
    /--no-duration-auto needs --duration-seconds/,
  ],
]

describe('create: validation errors exit 6 before any request', function () {
  // In-process on a test clock: the subject is each mode's flags and request, not the process.
  const ctx = useSandbox({inProcess: true})
  useTestClock({realMsPerSecond: 50})

  for (const [what, argv, message] of CASES) {
    it(what, async function () {
      await ctx.sandbox.clearRequests()
      const result = await ctx.cli(['create', ...argv, '--json'])
      expect(result.exitCode, result.stderr).to.equal(6)
      expect(result.stdout).to.equal('')
      expect(String(result.errorJson().error)).to.match(message)
      expect(await ctx.sandbox.requests(), 'requests sent').to.deep.equal([])
    })
  }

  it('reference: an audio clip over the size limit is refused before it is uploaded', async function () {
    const big = join(mkdtempSync(join(tmpdir(), 'pixverse-big-')), 'big.mp3')
    writeFileSync(big, '')
    truncateSync(big, 16 * 1024 * 1024)
    await ctx.sandbox.clearRequests()
    const result = await ctx.cli([
      'create',
      'reference',
      '--model',
      'seedance-2.0-fast',
      '--images',
      PNG,
      '--audios',
      big,
      '--prompt',
      'x',
      '--json',
    ])
    expect(result.exitCode, result.stderr).to.equal(6)
    expect(String(result.errorJson().error)).to.match(
      /Reference audio #1 is 16 MB; the limit is 15 MB each \(--audios\)/,
    )
    expect(await ctx.sandbox.requests()).to.deep.equal([])
  })

  it('template: the wrong number of images is refused after reading the template, before any upload', async function () {
    await ctx.sandbox.clearRequests()
    const result = await ctx.cli(['create', 'template', '--template-id', '315002', '--image', PNG, '--json'])
    expect(result.exitCode, result.stderr).to.equal(6)
    expect(String(result.errorJson().error)).to.match(/Template 315002 takes exactly 2 images \(--image\); got 1/)
    expect((await ctx.sandbox.requests()).map((r) => r.path.split('/').pop())).to.deep.equal(['detail'])
  })

  it('template: a video for a template that does not take one', async function () {
    await ctx.sandbox.clearRequests()
    const result = await ctx.cli(['create', 'template', '--template-id', '315001', '--video', MP4, '--json'])
    expect(result.exitCode, result.stderr).to.equal(6)
    expect(String(result.errorJson().error)).to.match(/does not take a video \(--video\)/)
    expect((await ctx.sandbox.requests()).map((r) => r.path.split('/').slice(-2).join('/'))).to.deep.equal([
      'template/detail',
    ])
  })
})
