import {expect} from 'chai'
import {mkdtempSync, statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {basename, join} from 'node:path'

import {TEMPLATES} from '../../src/sandbox/catalog-data.js'
import {ROOT} from '../helpers/cli.js'
import {cliFor, useProductionSandbox} from '../helpers/sandbox.js'
import {expectSchema} from '../helpers/schema.js'

const MEDIA = join(ROOT, 'fixtures', 'media')
const PNG = join(MEDIA, 'sample.png')
const JPG = join(MEDIA, 'sample.jpg')
const API_HOST = 'app-api.pixverse.ai'
const OSS_HOST = 'pixverse-fe-upload.oss-accelerate.aliyuncs.com'

type Logged = {method: string; host: string; path: string; body?: unknown; fault?: string}

/**
 * The CLI with its production defaults (no PIXVERSE_API_BASE): https to app-api.pixverse.ai, PUTs to
 * the OSS bucket host, media from the CDN name; the test preload sends those names to the sandbox.
 */
describe('production code path: requests as the service expects them (issue 15)', function () {
  this.timeout(120_000)
  // Tasks of 1 ms: done by the first look after the submit, so a case rarely pays a real 2 s poll
  // (how long a task takes is not what these cases check).
  const ctx = useProductionSandbox({taskSeconds: 0.001})
  const sent = async (): Promise<Logged[]> => (await ctx.sandbox.requests()) as Logged[]
  const bodyOf = async (path: string) =>
    (await sent()).filter((r) => r.path === `/creative_platform/${path}`).at(-1)?.body as Record<string, unknown>

  beforeEach(async () => {
    await ctx.sandbox.clearRequests()
  })

  it('talks to app-api.pixverse.ai over https, with nothing telling it about the sandbox', async () => {
    const result = await ctx.cli(['auth', 'status', '--json'])
    expect(result.exitCode, result.stderr).to.equal(0)
    const api = (await sent()).filter((r) => r.path.startsWith('/creative_platform/'))
    expect(api.length).to.be.greaterThan(0)
    for (const r of api) expect(r.host).to.equal(API_HOST)
  })

  it('an image template sends its one image as the array customer_img_paths to image/i2i', async () => {
    const template = TEMPLATES.find((t) => t.template_type === 2 && t.effect_type === 1)!
    const result = await ctx.cli([
      'create',
      'template',
      '--template-id',
      String(template.template_id),
      '--image',
      PNG,
      '--no-wait',
      '--json',
    ])
    expect(result.exitCode, result.stderr).to.equal(0)
    const body = await bodyOf('image/i2i')
    expect(body.customer_img_paths).to.be.an('array').with.lengthOf(1)
    expect(body).not.to.have.property('customer_img_path')
    expect(body).to.include({template_id: template.template_id, template_type: 2, customer_img_count: 1})
  })

  it('a video template with a video input continues from video/frame/last', async () => {
    const source = await ctx.cli(['create', 'video', '--prompt', 'a river', '--json'])
    expect(source.exitCode, source.stderr).to.equal(0)
    const videoId = (source.json() as {video_id: number}).video_id
    await ctx.sandbox.clearRequests()
    const template = TEMPLATES.find((t) => t.supported_features === 1000)!
    const result = await ctx.cli([
      'create',
      'template',
      '--template-id',
      String(template.template_id),
      '--video',
      String(videoId),
      '--no-wait',
      '--json',
    ])
    expect(result.exitCode, result.stderr).to.equal(0)
    const log = await sent()
    const frame = log.find((r) => r.path === '/creative_platform/video/frame/last')
    expect(frame?.body).to.deep.include({video_id: videoId, platform: 'web'})
    const body = await bodyOf('video/extend')
    expect(String(body.customer_video_last_frame_url)).to.match(/_last\.jpg$/)
  })

  it('caps --count at the model’s images per generation, with a warning', async () => {
    const result = await ctx.cli([
      'create',
      'image',
      '--prompt',
      'a cat',
      '--model',
      'kling-image-v3',
      '--count',
      '4',
      '--no-wait',
      '--json',
    ])
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(result.stderr).to.contain('Model "kling-image-v3" supports up to 1 images per generation. Using 1.')
    expect(await bodyOf('image/t2i')).to.include({create_count: 1})
    const fine = await ctx.cli([
      'create',
      'image',
      '--prompt',
      'a cat',
      '--model',
      'gpt-image-2.0',
      '--count',
      '4',
      '--no-wait',
      '--json',
    ])
    expect(fine.exitCode, fine.stderr).to.equal(0)
    expect(fine.stderr).not.to.contain('images per generation')
    expect(await bodyOf('image/t2i')).to.include({create_count: 4})
  })

  it('shows the count caps in help and capabilities, from the catalogue', async () => {
    const help = await ctx.cli(['create', 'image', '--help'])
    expect(help.stdout.replaceAll(/\s+/g, ' ')).to.contain('kling-image-v3 1')
    const caps = await ctx.cli(['capabilities', '--json'])
    const models = (caps.json() as {catalog?: Record<string, {models: Record<string, {maxCount?: number}>}>}).catalog
    expect(models?.image.models['kling-image-v3'].maxCount).to.equal(1)
    expect(models?.image.models['qwen-image'].maxCount).to.equal(3)
  })

  it('saved items always sends asset_source (1 unless --source upload)', async () => {
    expect((await ctx.cli(['saved', 'items', '--json'])).exitCode).to.equal(0)
    expect(await bodyOf('asset/folder/item/list')).to.include({asset_source: 1})
    expect((await ctx.cli(['saved', 'items', '--source', 'upload', '--json'])).exitCode).to.equal(0)
    expect(await bodyOf('asset/folder/item/list')).to.include({asset_source: 0})
  })

  it('sends the reference client’s model_name_default, and image_paths on every music request', async () => {
    const music = await ctx.cli([
      'create',
      'music',
      '--model',
      'music-v1',
      '--prompt',
      'a folk ballad',
      '--instrumental',
      '--no-wait',
      '--json',
    ])
    expect(music.exitCode, music.stderr).to.equal(0)
    expect(await bodyOf('music/generate')).to.deep.include({model_name_default: 'ElevenLabs Music', image_paths: []})
    for (const [model, name] of [
      ['eleven-v3', 'Eleven v3'],
      ['eleven-multilingual-v2', 'Eleven Multilingual v2'],
      ['eleven-turbo-v2.5', 'Eleven Turbo v2.5'],
    ]) {
      const voice = await ctx.cli([
        'create',
        'voice',
        '--text',
        'hello',
        '--model',
        model,
        '--voice-id',
        'v1',
        '--no-wait',
        '--json',
      ])
      expect(voice.exitCode, voice.stderr).to.equal(0)
      expect((await sent()).at(-1)?.body, model).to.include({model_name_default: name})
    }

    const omni = await ctx.cli([
      'create',
      'video',
      '--prompt',
      'a dog',
      '--model',
      'gemini-omni-flash',
      '--no-wait',
      '--json',
    ])
    expect(omni.exitCode, omni.stderr).to.equal(0)
    expect(await bodyOf('video/t2v')).to.include({model_name_default: 'Google Gemini Omni'})
  })

  it('fetches one upload token for all the files of a command, and PUTs to the bucket host', async () => {
    const result = await ctx.cli([
      'create',
      'transition',
      '--images',
      PNG,
      JPG,
      '--prompt',
      'morph',
      '--no-wait',
      '--json',
    ])
    expect(result.exitCode, result.stderr).to.equal(0)
    const log = await sent()
    expect(log.filter((r) => r.path === '/creative_platform/getUploadToken')).to.have.lengthOf(1)
    const puts = log.filter((r) => r.method === 'PUT')
    expect(puts).to.have.lengthOf(2)
    for (const put of puts) {
      expect(put.host).to.equal(OSS_HOST)
      expect(put.path).to.match(/^\/upload\/[\da-f-]{36}\.(png|jpg)$/)
    }
  })
})

describe('production code path: JSON results a script written for the reference client reads (issue 15)', function () {
  this.timeout(120_000)
  // Tasks of 1 ms: done by the first look after the submit, so a case rarely pays a real 2 s poll
  // (how long a task takes is not what these cases check).
  const ctx = useProductionSandbox({taskSeconds: 0.001})

  it('logged out, auth status --json prints {authenticated: false, message} and exits 3', async () => {
    const anonymous = cliFor(ctx.sandbox, undefined, {PIXVERSE_API_BASE: undefined})
    const result = await anonymous(['auth', 'status', '--json'])
    expect(result.exitCode).to.equal(3)
    expect(result.json()).to.deep.equal({authenticated: false, message: 'Not logged in'})
    expectSchema('auth-status', result.json())
  })

  it('a voice: status label, top-level voice fields, and a download name with _ for spaces', async () => {
    const created = await ctx.cli(['create', 'voice', '--text', 'hello there', '--voice-id', 'Warm Narrator', '--json'])
    expect(created.exitCode, created.stderr).to.equal(0)
    const voice = created.json() as {audio_id: number; voice: Record<string, unknown>}
    expect(voice.voice).to.include({voice_id: 'Warm Narrator', name: 'Warm Narrator', provider: 'minimax'})
    const status = await ctx.cli(['task', 'status', String(voice.audio_id), '--type', 'audio', '--json'])
    expect(status.exitCode, status.stderr).to.equal(0)
    expect(status.json()).to.include({status: 'Completed', status_code: 1})
    const dest = mkdtempSync(join(tmpdir(), 'pixverse-audio-'))
    const downloaded = await ctx.cli([
      'asset',
      'download',
      String(voice.audio_id),
      '--type',
      'audio',
      '--dest',
      dest,
      '--json',
    ])
    expect(downloaded.exitCode, downloaded.stderr).to.equal(0)
    const file = (downloaded.json() as {file: string}).file
    expect(basename(file)).to.equal('hello_there.mp3')
    const downloads = ((await ctx.sandbox.requests()) as Logged[]).filter((r) => r.path.startsWith('/media/'))
    expect(downloads.at(-1)?.host).to.equal('media.pixverse.ai')
  })

  it('account usage items carry the service fields next to ours', async () => {
    const created = await ctx.cli(['create', 'image', '--prompt', 'a fox', '--no-wait', '--json'])
    expect(created.exitCode, created.stderr).to.equal(0)
    const result = await ctx.cli(['account', 'usage', '--json'])
    expect(result.exitCode, result.stderr).to.equal(0)
    expectSchema('account-usage', result.json())
    const items = (result.json() as {items: Array<Record<string, unknown>>}).items
    const generation = items.find((item) => item.task_id !== undefined)
    expect(generation).to.include.keys(
      'id',
      'acquired_type',
      'acquired_type_name',
      'credits',
      'create_time',
      'task_id',
      'create_mode',
      'model',
    )
    expect(generation?.credits).to.equal(generation?.amount)
  })

  it('asset upload of a downscaled image reports the transform fields', async () => {
    const {default: sharp} = await import('sharp')
    const file = join(mkdtempSync(join(tmpdir(), 'pixverse-big-')), 'wide.png')
    await sharp({create: {width: 2400, height: 1200, channels: 3, background: '#336699'}})
      .png()
      .toFile(file)
    const result = await ctx.cli(['asset', 'upload', file, '--json'])
    expect(result.exitCode, result.stderr).to.equal(0)
    expectSchema('asset-upload', result.json())
    const transform = (result.json() as {transform: Record<string, unknown>}).transform
    expect(transform).to.deep.include({
      type: 'image_downscale',
      original_dimensions: {width: 2400, height: 1200},
      final_dimensions: {width: 1920, height: 960},
    })
    expect(transform.original_size).to.be.a('number')
    expect(transform.final_size).to.be.a('number')
  })

  it('the personal workspace has role and memberCount null', async () => {
    const result = await ctx.cli(['workspace', 'status', '--json'])
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(result.json()).to.deep.equal({workspaceId: 0, name: 'Personal', role: null, memberCount: null})
    expectSchema('workspace-status', result.json())
  })
})

describe('production code path: the main journey, every upload and download kind (issue 15)', function () {
  this.timeout(180_000)
  // Tasks of 1 ms: done by the first look after the submit, so a case rarely pays a real 2 s poll
  // (how long a task takes is not what these cases check).
  const ctx = useProductionSandbox({login: false, taskSeconds: 0.001})
  const sent = async (): Promise<Logged[]> => (await ctx.sandbox.requests()) as Logged[]

  it('logs in through the device flow on the production names', async () => {
    const result = await ctx.cli(['auth', 'login', '--json'])
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(result.stderr).to.match(/^Authorize at: https:\/\/app\.pixverse\.ai\/device\?user_code=\S+/m)
    expect(
      (await sent()).filter((r) => r.path.startsWith('/creative_platform/')).every((r) => r.host === API_HOST),
    ).to.equal(true)
  })

  it('creates a video from a local image, waits, and downloads it from the CDN', async () => {
    const created = await ctx.cli(['create', 'video', '--prompt', 'animate it', '--image', PNG, '--json'])
    expect(created.exitCode, created.stderr).to.equal(0)
    const id = (created.json() as {video_id: number}).video_id
    const waited = await ctx.cli(['task', 'wait', String(id), '--json'])
    expect(waited.exitCode, waited.stderr).to.equal(0)
    expect(String((waited.json() as {video_url: string}).video_url)).to.match(/^https:\/\/media\.pixverse\.ai\//)
    await ctx.sandbox.clearRequests()
    const dest = mkdtempSync(join(tmpdir(), 'pixverse-dl-'))
    const downloaded = await ctx.cli(['asset', 'download', String(id), '--dest', dest, '--json'])
    expect(downloaded.exitCode, downloaded.stderr).to.equal(0)
    expect(statSync((downloaded.json() as {file: string}).file).size).to.be.greaterThan(0)
    expect((await sent()).filter((r) => r.path.startsWith('/media/')).map((r) => r.host)).to.deep.equal([
      'media.pixverse.ai',
    ])
  })

  it('creates and downloads an image', async () => {
    const created = await ctx.cli(['create', 'image', '--prompt', 'a fox', '--json'])
    expect(created.exitCode, created.stderr).to.equal(0)
    const id = (created.json() as {image_id: number}).image_id
    const dest = mkdtempSync(join(tmpdir(), 'pixverse-dl-'))
    const downloaded = await ctx.cli(['asset', 'download', String(id), '--type', 'image', '--dest', dest, '--json'])
    expect(downloaded.exitCode, downloaded.stderr).to.equal(0)
    expect(statSync((downloaded.json() as {file: string}).file).size).to.be.greaterThan(0)
  })

  it('uploads every kind: image, video, audio, and a remote https URL', async () => {
    for (const file of [PNG, join(MEDIA, 'sample.mp4'), join(MEDIA, 'sample.mp3')]) {
      await ctx.sandbox.clearRequests()
      const result = await ctx.cli(['asset', 'upload', file, '--json'])
      expect(result.exitCode, `${file}: ${result.stderr}`).to.equal(0)
      const put = (await sent()).find((r) => r.method === 'PUT')
      expect(put?.host, file).to.equal(OSS_HOST)
    }

    // A remote input is fetched from its (public-looking) host under the production SSRF rules.
    await ctx.sandbox.clearRequests()
    const remote = await ctx.cli(['asset', 'upload', 'https://media.pixverse.ai/media/static/avatar.png', '--json'])
    expect(remote.exitCode, remote.stderr).to.equal(0)
    const log = await sent()
    expect(log.find((r) => r.path === '/media/static/avatar.png')?.host).to.equal('media.pixverse.ai')
    expect(log.find((r) => r.method === 'PUT')?.host).to.equal(OSS_HOST)
  })

  it('accepts the qualities docs/models.md lists (480p video, 1800p image) end to end', async () => {
    const video = await ctx.cli([
      'create',
      'video',
      '--prompt',
      'a cat',
      '--model',
      'seedance-2.0-fast',
      '--quality',
      '480p',
      '--no-wait',
      '--json',
    ])
    expect(video.exitCode, video.stderr).to.equal(0)
    const image = await ctx.cli([
      'create',
      'image',
      '--prompt',
      'a cat',
      '--model',
      'seedream-5.0-lite',
      '--quality',
      '1800p',
      '--no-wait',
      '--json',
    ])
    expect(image.exitCode, image.stderr).to.equal(0)
  })
})
