import {spawn} from 'node:child_process'
import {expect} from 'chai'
import {startSandbox} from '../../src/sandbox/index.js'
import {Client, sleep, tempDir} from './helpers.js'

describe('sandbox: state shared through dataDir', () => {
  it('two servers on one dataDir see the same account, task and log, with their own origins', async () => {
    const dataDir = tempDir()
    const a = await startSandbox({dataDir, taskSeconds: 0.3, autoApprove: true})
    const b = await startSandbox({dataDir})
    try {
      expect(a.origin).to.not.equal(b.origin)
      const ca = new Client(a)
      const token = await ca.login()
      const cb = new Client(b)
      cb.token = token
      const id = (await ca.post('video/t2v', {prompt: 'shared', model: 'v6'})).Resp.video_id
      await sleep(400)
      const seen = await cb.post('video/list/detail', {video_id: id})
      expect(seen.ErrCode).to.equal(0)
      expect(seen.Resp.video_status).to.equal(1)
      expect(seen.Resp.url).to.equal(`${b.origin}/media/video/${id}.mp4`) // built from b's origin
      const log = await cb.control<any[]>('GET', 'requests')
      expect(log.map((r) => r.path)).to.include.members([
        '/creative_platform/video/t2v',
        '/creative_platform/video/list/detail',
      ])
    } finally {
      await a.close()
      await b.close()
    }
  })

  it('separate processes submitting at once never lose a charge or an id', async function () {
    this.timeout(20_000)
    const dataDir = tempDir()
    const main = await startSandbox({dataDir, taskSeconds: 30, slots: 100})
    try {
      const client = new Client(main)
      const {access_key: accessKey} = await client.control<{access_key: string}>('POST', 'access-keys')
      // Each child runs its own sandbox on the same dataDir and submits 15 videos through it.
      const script = `
        import {startSandbox} from ${JSON.stringify(new URL('../../src/sandbox/index.ts', import.meta.url).pathname)}
        const sb = await startSandbox({dataDir: ${JSON.stringify(dataDir)}})
        const ids = []
        await Promise.all(Array.from({length: 15}, (_, i) => i).map(async () => {
          const r = await fetch(sb.baseUrl + '/video/t2v', {method: 'POST', headers: {'content-type': 'application/json', 'Access-Key': ${JSON.stringify(accessKey)}}, body: JSON.stringify({prompt: 'p', model: 'v6', quality: '360p', duration: 5})})
          const j = await r.json()
          if (j.ErrCode !== 0) throw new Error(JSON.stringify(j))
          ids.push(j.Resp.video_id)
        }))
        console.log(JSON.stringify(ids))
        await sb.close()
      `
      const run = () =>
        new Promise<number[]>((resolve, reject) => {
          const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
            stdio: ['ignore', 'pipe', 'pipe'],
          })
          let out = ''
          let err = ''
          child.stdout.on('data', (d) => (out += d))
          child.stderr.on('data', (d) => (err += d))
          child.on('close', (code) =>
            code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!)) : reject(new Error(err)),
          )
        })
      const results = await Promise.all([run(), run(), run(), run()])
      const ids = results.flat()
      expect(new Set(ids).size).to.equal(60)
      const state = await client.control('GET', 'state')
      expect(state.tasks).to.equal(60)
      expect(state.charged_submits).to.equal(60)
      expect(state.credits.total).to.equal(1_000_000 - 60 * 20) // 360p 5 s = 20 credits each
    } finally {
      await main.close()
    }
  })
})
