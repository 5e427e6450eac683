import {expect} from 'chai'
import {join} from 'node:path'

import {ROOT} from '../helpers/cli.js'
import {useSandbox} from '../helpers/sandbox.js'
import {useTestClock} from '../helpers/test-clock.js'

const media = (name: string) => join(ROOT, 'fixtures', 'media', name)

/** Asset and media-input look-ups by id: a miss names the id, every kind tried, and what to run next. */
describe('asset look-ups across kinds', function () {
  const ctx = useSandbox({inProcess: true})
  useTestClock({realMsPerSecond: 50})
  let uploadedImage: string
  let uploadedAudio: string

  before(async function () {
    uploadedImage = String((await ctx.cli(['asset', 'upload', media('sample.png'), '--json'])).json<{id: number}>().id)
    uploadedAudio = String((await ctx.cli(['asset', 'upload', media('sample.mp3'), '--json'])).json<{id: number}>().id)
  })

  it('asset download of an uploaded image names the id, the kinds tried and asset list', async function () {
    const result = await ctx.cli(['asset', 'download', uploadedImage, '--dest', join(ctx.cli.home, 'dl'), '--json'])
    expect(result.exitCode).to.equal(1)
    expect(result.stdout).to.equal('')
    const error = JSON.parse(result.stderr.trim().split('\n').at(-1)!) as Record<string, string>
    expect(error.error).to.equal(`No video, image, created audio or uploaded audio found with id ${uploadedImage}`)
    expect(error.hint).to.include('pixverse asset list').and.include('--source upload')
  })

  it('asset download of an uploaded audio says uploads cannot be downloaded, before asking', async function () {
    await ctx.sandbox.clearRequests()
    const result = await ctx.cli(['asset', 'download', uploadedAudio, '--dest', join(ctx.cli.home, 'dl'), '--json'])
    expect(result.exitCode).to.equal(1)
    expect(result.stderr).to.include(`Audio ${uploadedAudio} is an upload, and uploaded audio cannot be downloaded`)
    const paths = (await ctx.sandbox.requests()).map((request) => request.path)
    expect(paths.some((path) => path.endsWith('asset/download'))).to.equal(false)
  })

  it('asset info and an audio input by id name the id and the kinds tried', async function () {
    const info = await ctx.cli(['asset', 'info', '1', '--type', 'audio', '--json'])
    expect(info.exitCode).to.equal(1)
    expect(info.stderr).to.include('No created audio or uploaded audio found with id 1')

    const reference = await ctx.cli([
      'create',
      'reference',
      '--prompt',
      'x',
      '--model',
      'seedance-2.0-fast',
      '--images',
      media('sample.png'),
      '--audios',
      '1',
      '--json',
    ])
    expect(reference.exitCode).to.equal(1)
    const error = JSON.parse(reference.stderr.trim().split('\n').at(-1)!) as Record<string, string>
    expect(error.error).to.equal('No created audio or uploaded audio found with id 1')
    expect(error.hint).to.include('--audios')
  })
})
