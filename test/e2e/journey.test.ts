import {expect} from 'chai'
import {readFileSync, readdirSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {ROOT, tempHome} from '../helpers/cli.js'
import {cliFor, useSandbox} from '../helpers/sandbox.js'
import {useSharedSandboxCleanup} from '../helpers/shared-sandbox.js'

describe('the main journey against `pixverse sandbox serve`', function () {
  // Tasks of 1 ms: done by the first look after the submit, so a case rarely pays a real 2 s poll
  // (how long a task takes is not what these cases check).
  const ctx = useSandbox({login: false, taskSeconds: 0.001})
  const track = useSharedSandboxCleanup()

  it('logs in with the device flow and stores the token privately', async function () {
    const result = await ctx.cli(['auth', 'login', '--json'])
    expect(result.exitCode, result.stderr).to.equal(0)
    const body = result.json()
    expect(body).to.include({success: true})
    expect(body).to.have.keys('success', 'email', 'nickname', 'memberType', 'tokenExpiresIn')
    expect(result.stderr).to.match(/^Authorize at: http:\/\/127\.0\.0\.1:\d+\/device\?user_code=\S+ \(code: \S+\)$/m)
    const file = join(ctx.cli.home, 'internal.json')
    expect(statSync(file).mode & 0o777).to.equal(0o600)
    expect(statSync(ctx.cli.home).mode & 0o777).to.equal(0o700)
    const stored = JSON.parse(readFileSync(file, 'utf8'))
    expect(stored.token).to.be.a('string').and.not.empty
    expect(result.stdout).not.to.include(stored.token)
    expect(result.stderr).not.to.include(stored.token)
  })

  it('auth status reports the account and its credits', async function () {
    const result = await ctx.cli(['auth', 'status', '--json'])
    expect(result.exitCode, result.stderr).to.equal(0)
    const body = result.json()
    expect(body.authenticated).to.equal(true)
    expect(body.credits).to.be.a('number').above(0)
    expect(body.memberType).to.be.a('string')
  })

  it('creates a video, waits for it and downloads a real MP4', async function () {
    const created = await ctx.cli(['create', 'video', '--prompt', 'a cat surfing', '--json'])
    expect(created.exitCode, created.stderr).to.equal(0)
    const video = created.json()
    expect(video).to.include({status: 'completed', prompt: 'a cat surfing', model: 'v6'})
    expect(video.video_id).to.be.a('number')
    expect(video.video_url).to.match(/^http:\/\/127\.0\.0\.1:\d+\//)
    expect(video.trace_id).to.match(/^[0-9a-f-]{36}$/)

    const dest = join(ctx.cli.home, 'downloads')
    const downloaded = await ctx.cli(['asset', 'download', String(video.video_id), '--dest', dest, '--json'])
    expect(downloaded.exitCode, downloaded.stderr).to.equal(0)
    const {file, type, id} = downloaded.json<{file: string; type: string; id: number}>()
    expect(type).to.equal('video')
    expect(id).to.equal(video.video_id)
    expect(file.startsWith(dest)).to.equal(true)
    const bytes = readFileSync(file)
    expect(bytes.subarray(4, 8).toString('ascii')).to.equal('ftyp')
    expect(readdirSync(dest).filter((name) => name.endsWith('.part'))).to.deep.equal([])
  })

  it('sends the documented default body for create video', async function () {
    await ctx.sandbox.clearRequests()
    const result = await ctx.cli(['create', 'video', '--prompt', 'a cat', '--no-wait', '--json'])
    expect(result.exitCode, result.stderr).to.equal(0)
    const submit = (await ctx.sandbox.requests()).find((r) => r.path.endsWith('/video/t2v'))
    expect(submit?.body).to.deep.include({
      prompt: 'a cat',
      model: 'v6',
      duration: 5,
      quality: '720p',
      create_count: 1,
      aspect_ratio: '16:9',
      audio: 1,
      multi_shot: 1,
      model_name_default: 'PixVerse V6',
    })
    expect(submit?.headers['x-platform']).to.equal('CLI')
    expect(submit?.headers.token).to.equal('[redacted]')
    expect(result.json().params).not.to.have.property('model_name_default')
  })

  it('returns the id at once with --no-wait, and task wait resumes it', async function () {
    const submitted = await ctx.cli(['create', 'video', '--prompt', 'a dog', '--no-wait', '--json'])
    expect(submitted.exitCode, submitted.stderr).to.equal(0)
    const body = submitted.json()
    expect(body.status).to.equal('submitted')
    expect(body.params).to.include({prompt: 'a dog', model: 'v6'})
    const status = await ctx.cli(['task', 'status', String(body.video_id), '--json'])
    expect(status.exitCode).to.equal(0)
    expect(status.json()).to.include({id: body.video_id, type: 'video'})
    const waited = await ctx.cli(['task', 'wait', String(body.video_id), '--json'])
    expect(waited.exitCode, waited.stderr).to.equal(0)
    expect(waited.json()).to.include({id: body.video_id, type: 'video', status: 'completed', prompt: 'a dog'})
  })

  it('uploads a local image for image-to-video', async function () {
    await ctx.sandbox.clearRequests()
    const image = join(ROOT, 'fixtures', 'media', 'sample.png')
    const result = await ctx.cli(['create', 'video', '--prompt', 'animate it', '--image', image, '--json'])
    expect(result.exitCode, result.stderr).to.equal(0)
    const log = await ctx.sandbox.requests()
    const paths = log.map((r) => `${r.method} ${r.path}`)
    const put = log.findIndex((r) => r.method === 'PUT' && r.host === 'pixverse-fe-upload.oss-accelerate.aliyuncs.com')
    expect(paths.findIndex((p) => p.endsWith('/getUploadToken'))).to.be.within(0, put)
    expect(put).to.be.greaterThan(-1)
    const register = log.find((r) => r.path.endsWith('/media/batch_upload_media'))
    const submit = log.find((r) => r.path.endsWith('/video/i2v'))
    const uploadedPath = (register?.body as {images: Array<{path: string}>}).images[0].path
    expect(uploadedPath).to.match(/^upload\/[0-9a-f-]{36}\.png$/)
    expect(submit?.body).to.include({customer_img_path: uploadedPath})
    expect(submit?.body).not.to.have.property('aspect_ratio')
  })

  it('reads the prompt from stdin with -', async function () {
    const result = await ctx.cli(['create', 'video', '--prompt', '-', '--no-wait', '--json'], {
      input: 'a prompt from stdin\n',
    })
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(result.json().params).to.include({prompt: 'a prompt from stdin'})
  })

  it('reads the prompt from a file when the value names one', async function () {
    // Not in PIXVERSE_HOME: files there (the login) are never read as text (issue 14).
    const file = join(tempHome(), 'prompt.txt')
    writeFileSync(file, '  a prompt from a file \n')
    const result = await ctx.cli(['create', 'video', '--prompt', file, '--no-wait', '--json'])
    expect(result.json().params).to.include({prompt: 'a prompt from a file'})
  })

  it('accepts global flags before the command and -p after it', async function () {
    const early = await ctx.cli(['--json', 'task', 'status', '1', '--type', 'video'])
    expect(early.exitCode).to.equal(1)
    expect(early.stdout).to.equal('')
    expect(early.errorJson()).to.include({code: 400001})
    const late = await ctx.cli(['config', 'path', '-p'])
    expect(late.json()).to.have.keys('dir', 'config')
  })

  it('uses the background sandbox with --sandbox and no account', async function () {
    const home = track(tempHome())
    const env = {PIXVERSE_HOME: home, PIXVERSE_SANDBOX_TASK_SECONDS: '1', PIXVERSE_API_BASE: undefined}
    const created = await cliFor(ctx.sandbox, home)(['create', 'video', '--sandbox', '--prompt', 'offline', '--json'], {
      env,
    })
    expect(created.exitCode, created.stderr).to.equal(0)
    const id = String(created.json().video_id)
    const downloaded = await cliFor(ctx.sandbox, home)(
      ['asset', 'download', id, '--sandbox', '--dest', join(home, 'out'), '--json'],
      {env},
    )
    expect(downloaded.exitCode, downloaded.stderr).to.equal(0)
    expect(readFileSync(downloaded.json<{file: string}>().file).subarray(4, 8).toString()).to.equal('ftyp')
  })

  it('uploads to the --sandbox sandbox (no network name involved)', async function () {
    const home = track(tempHome())
    // No name map for the preload: the upload must go to the local sandbox, not to the OSS host.
    const env = {
      PIXVERSE_HOME: home,
      PIXVERSE_SANDBOX_TASK_SECONDS: '1',
      PIXVERSE_API_BASE: undefined,
      PIXVERSE_TEST_NET: undefined,
    }
    const image = join(ROOT, 'fixtures', 'media', 'sample.png')
    const created = await cliFor(ctx.sandbox, home)(
      ['create', 'video', '--sandbox', '--prompt', 'offline', '--image', image, '--no-wait', '--json'],
      {env},
    )
    expect(created.exitCode, created.stderr).to.equal(0)
  })
})
