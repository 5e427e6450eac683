import {expect} from 'chai'
import {join} from 'node:path'

import {useSandbox} from '../helpers/sandbox.js'
import {useTestClock} from '../helpers/test-clock.js'

const PROGRESS_WORDS =
  /Uploading|Submitting|In queue|Generating|Downloading|Waiting for approval|^\d{4}-\d\d-\d\dT[\d:.]+Z |[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏✔✖█░]|\p{Cc}\[/mu

// In-process: JSON mode's quiet stderr is the commands' doing (both streams are pipes either way); the
// terminal and text cases, where the process's streams are the subject, stay in test/e2e/progress.test.ts.
describe('progress on stderr, never on stdout', function () {
  const ctx = useSandbox({inProcess: true})
  useTestClock({realMsPerSecond: 50})

  it('JSON mode: stdout is the one result document and stderr carries no progress at all', async function () {
    const result = await ctx.cli([
      'create',
      'video',
      '--prompt',
      '[sandbox:seconds=3] a neon city',
      '--image',
      'fixtures/media/sample.png',
      '--json',
    ])
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(result.json()).to.include({status: 'completed'})
    expect(result.stderr).not.to.match(PROGRESS_WORDS)

    const waited = await ctx.cli(['task', 'wait', String(result.json().video_id), '--json'])
    expect(waited.exitCode, waited.stderr).to.equal(0)
    expect(waited.stderr).to.equal('')
    const downloaded = await ctx.cli([
      'asset',
      'download',
      String(result.json().video_id),
      '--dest',
      join(ctx.cli.home, 'dl'),
      '--json',
    ])
    expect(downloaded.exitCode, downloaded.stderr).to.equal(0)
    expect(downloaded.json()).to.have.property('file')
    expect(downloaded.stderr).to.equal('')
  })
})
