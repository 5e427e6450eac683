import {expect} from 'chai'

import {classify} from '../../src/api/tasks.js'
import {byteBar, formatElapsed, taskPhase} from '../../src/progress/format.js'
import {LineProgress} from '../../src/progress/line-progress.js'
import {progressMode} from '../../src/progress/progress.js'

describe('progress text', function () {
  it('chooses silent in JSON mode, a live display only when stderr is a terminal', function () {
    expect(progressMode(true, {isTTY: true})).to.equal('silent')
    expect(progressMode(false, {isTTY: true})).to.equal('terminal')
    expect(progressMode(false, {isTTY: false})).to.equal('lines')
  })

  it('draws a byte bar and elapsed time', function () {
    expect(byteBar(512 * 1024, 1024 * 1024, 10)).to.equal('[█████░░░░░]  50% 512.0 KB / 1.0 MB')
    expect(byteBar(300, 0)).to.equal('300 B')
    expect(formatElapsed(65_000)).to.equal('1:05')
    expect(formatElapsed(3_725_000)).to.equal('1:02:05')
  })

  it('reads queue_data: time queued, then time left while generating', function () {
    const queued = classify('video', 1, {
      video_status: 9,
      queue_data: {queue_time: 12, processing_start_time: 0, estimated_gen_time: 240},
    })
    expect(taskPhase(queued)).to.equal('In queue (12s so far, generation takes ~240s)')
    const now = 1_000_000_000_000
    const generating = classify('video', 1, {
      video_status: 10,
      queue_data: {queue_time: 20, processing_start_time: now / 1000 - 40, estimated_gen_time: 240},
    })
    expect(taskPhase(generating, now)).to.equal('Generating (about 200s left of ~240s)')
    expect(taskPhase(classify('video', 1, {video_status: 1}))).to.equal('Completed')
  })

  it('writes one timestamped line per change, bytes at each quarter', function () {
    const lines: string[] = []
    let clock = Date.parse('2026-01-01T00:00:00Z')
    const progress = new LineProgress(
      (line) => lines.push(line),
      () => clock,
    )
    const step = progress.step('Uploading a.png')
    for (let n = 0; n <= 100; n += 10) step.bytes(n * 1024, 100 * 1024)
    clock += 3000
    step.done()
    const watch = progress.watch('video', [7])
    watch.update(classify('video', 7, {video_status: 5}))
    watch.update(classify('video', 7, {video_status: 5}))
    watch.update(classify('video', 7, {video_status: 1}))
    expect(lines.map((line) => line.slice(25))).to.deep.equal([
      'Uploading a.png…',
      'Uploading a.png: 25% (30.0 KB of 100.0 KB)',
      'Uploading a.png: 50% (50.0 KB of 100.0 KB)',
      'Uploading a.png: 75% (80.0 KB of 100.0 KB)',
      'Uploading a.png: done (100.0 KB) in 0:03',
      'video 7: In queue [0:00]',
      'video 7: Completed [0:00]',
    ])
    expect(lines[0]).to.match(/^2026-01-01T00:00:00\.000Z /)
  })
})
