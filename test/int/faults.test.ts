import {expect} from 'chai'
import {existsSync, mkdtempSync, readFileSync, readdirSync, statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {ROOT} from '../helpers/cli.js'
import {cliFor, login, startSandboxProcess, useSandbox} from '../helpers/sandbox.js'
import {useTestClock} from '../helpers/test-clock.js'

type State = {
  tasks: number
  charged_submits: number
  charges: Record<string, number>
  faults_injected: Record<string, number>
}

describe('fault switches and how the client rides them out', function () {
  this.timeout(60_000)
  // In-process: how the client rides out a fault is the commands' doing, not the process's (Ctrl-C,
  // which is, stays in test/e2e/faults-interrupt.test.ts). Back-offs and polls run on the test clock;
  // HTTP timeouts and the sandbox's faults (a slow answer) still take real time.
  const ctx = useSandbox({env: {PIXVERSE_HTTP_TIMEOUT_MS: '700'}, inProcess: true})
  const time = useTestClock({realMsPerSecond: 50})
  const faults = (rules: unknown[], seed = 1) => ctx.sandbox.control('faults', {rules, seed})
  const state = () => ctx.sandbox.state() as Promise<State>
  const fixture = readFileSync(join(ROOT, 'fixtures', 'media', 'sample.mp4'))

  before(async function () {
    await ctx.sandbox.configure({taskSeconds: 0.3, slots: 50})
  })

  afterEach(async function () {
    await faults([])
  })

  describe('the control API', function () {
    it('refuses an unknown kind with 400 naming the field', async function () {
      const response = await fetch(`${ctx.sandbox.origin}/_sandbox/faults`, {
        method: 'POST',
        body: JSON.stringify({rules: [{endpoint: '*', kind: 'meteor'}]}),
      })
      expect(response.status).to.equal(400)
      expect(((await response.json()) as {error: string}).error).to.include('rules[0].kind')
    })

    it('injects by count, counts per kind, and DELETE stops it', async function () {
      await faults([{endpoint: 'getUserInfo', kind: 'http-503', count: 2}])
      const hit = () => fetch(`${ctx.sandbox.url}/getUserInfo`).then((r) => r.status)
      expect([await hit(), await hit(), await hit()]).to.deep.equal([503, 503, 200])
      const summary = (await fetch(`${ctx.sandbox.origin}/_sandbox/faults`).then((r) => r.json())) as {
        injected: Record<string, number>
        rules: Array<{used: number}>
      }
      expect(summary.rules[0].used).to.equal(2)
      expect(summary.injected['http-503']).to.be.at.least(2)
      await faults([{endpoint: '*', kind: 'http-500'}])
      await fetch(`${ctx.sandbox.origin}/_sandbox/faults`, {method: 'DELETE'})
      expect(await hit()).to.equal(200)
    })

    it('repeats the same pattern for the same seed, and another for another seed', async function () {
      const pattern = async (seed: number) => {
        await faults([{endpoint: 'getUserInfo', kind: 'http-502', probability: 0.5}], seed)
        const statuses: number[] = []
        for (let i = 0; i < 24; i++) statuses.push(await fetch(`${ctx.sandbox.url}/getUserInfo`).then((r) => r.status))
        return statuses.join(',')
      }
      const first = await pattern(42)
      expect(first).to.include('502').and.include('200')
      expect(await pattern(42)).to.equal(first)
      expect(await pattern(43)).not.to.equal(first)
    })

    it('is shared by every process serving the same data folder, and can be set at startup', async function () {
      const rules = JSON.stringify({rules: [{endpoint: 'getUserInfo', kind: 'http-500', count: 3}], seed: 5})
      const second = await startSandboxProcess(['--faults', rules], {dataDir: ctx.sandbox.dataDir})
      try {
        const statuses = [
          await fetch(`${second.url}/getUserInfo`).then((r) => r.status),
          await fetch(`${ctx.sandbox.url}/getUserInfo`).then((r) => r.status),
          await fetch(`${second.url}/getUserInfo`).then((r) => r.status),
          await fetch(`${ctx.sandbox.url}/getUserInfo`).then((r) => r.status),
        ]
        expect(statuses).to.deep.equal([500, 500, 500, 200]) // one budget of 3 across both processes
      } finally {
        await second.stop()
      }
      const fromEnv = await startSandboxProcess([], {env: {PIXVERSE_SANDBOX_FAULTS: rules}})
      try {
        expect(await fetch(`${fromEnv.url}/getUserInfo`).then((r) => r.status)).to.equal(500)
      } finally {
        await fromEnv.stop()
      }
    })
  })

  describe('creations', function () {
    it('a create charged but whose answer is lost is retried under its key and charged once', async function () {
      const before = await state()
      await faults([{endpoint: 'video/t2v', kind: 'reset-after-body', count: 2}])
      const result = await ctx.cli(['create', 'video', '--prompt', 'dropped answer', '--json'])
      expect(result.exitCode, result.stderr).to.equal(0)
      const out = result.json<{video_id: number; idempotency_key: string}>()
      const after = await state()
      expect(after.faults_injected['reset-after-body']).to.be.at.least(2)
      expect(after.tasks - before.tasks, 'one task, not three').to.equal(1)
      expect(after.charged_submits - before.charged_submits).to.equal(1)
      expect(after.charges[out.idempotency_key]).to.equal(1)
    })

    it('a create answered after the client timeout (PIXVERSE_HTTP_TIMEOUT_MS) is charged once', async function () {
      const before = await state()
      await faults([{endpoint: 'video/t2v', kind: 'slow', delayMs: 1500, count: 1}])
      const result = await ctx.cli(['create', 'video', '--prompt', 'slow answer', '--json'])
      expect(result.exitCode, result.stderr).to.equal(0)
      await new Promise((resolve) => setTimeout(resolve, 1200)) // let the late original land
      const after = await state()
      expect(after.tasks - before.tasks).to.equal(1)
      expect(after.charged_submits - before.charged_submits).to.equal(1)
    })

    it('a user-given --idempotency-key is reported and a repeat returns the same task uncharged', async function () {
      const key = `agent-${Date.now()}`
      const create = () =>
        ctx.cli(['create', 'video', '--prompt', 'keyed', '--idempotency-key', key, '--no-wait', '--json'])
      const first = await create()
      const again = await create()
      expect(first.json().idempotency_key).to.equal(key)
      expect(again.json().video_id).to.equal(first.json().video_id)
      expect((await state()).charges[key]).to.equal(1)
    })

    it('a failed submit names the key so the agent can retry without paying twice', async function () {
      await faults([{endpoint: 'video/t2v', kind: 'http-503'}])
      const result = await ctx.cli(['create', 'video', '--prompt', 'down', '--json'])
      expect(result.exitCode).to.equal(1)
      expect(String(result.errorJson().idempotency_key)).to.match(/^pixverse-cli-/)
    })

    it('honours Retry-After on 429', async function () {
      await faults([{endpoint: 'getUserInfo', kind: 'http-429', retryAfter: 2, count: 1}])
      const started = time.clock.now()
      const slept = time.clock.sleeps.length
      const result = await ctx.cli(['auth', 'status', '--json'])
      expect(result.exitCode, result.stderr).to.equal(0)
      // On the test clock: the wait before the retry is the 2 s the server asked for.
      expect(time.clock.now() - started).to.be.at.least(2000)
      expect(time.clock.sleeps.slice(slept), 'the Retry-After wait').to.include(2000)
    })

    it('a token that expires while polling exits 3 and still names the task', async function () {
      const other = cliFor(ctx.sandbox)
      await login(other)
      await faults([{endpoint: 'video/list/detail', kind: 'expire-token', count: 1}])
      const result = await other(['create', 'video', '--prompt', 'expiring', '--json'])
      expect(result.exitCode, result.stderr).to.equal(3)
      expect(result.stdout).to.equal('')
      const error = result.errorJson()
      expect(error.video_id).to.be.a('number')
      expect(error.hint).to.include('auth login')
      await login(ctx.cli) // the fault expired every token, the shared one too
    })

    it('a concurrency refusal exits 7 without charging', async function () {
      const before = await state()
      await faults([{endpoint: 'video/t2v', kind: 'concurrency-limit'}])
      const result = await ctx.cli(['create', 'video', '--prompt', 'busy', '--json'])
      expect(result.exitCode).to.equal(7)
      expect((await state()).charged_submits).to.equal(before.charged_submits)
    })
  })

  describe('downloads', function () {
    let videoId: string
    before(async function () {
      const result = await ctx.cli(['create', 'video', '--prompt', 'to download', '--json'])
      expect(result.exitCode, result.stderr).to.equal(0)
      videoId = String(result.json().video_id)
    })

    it('resumes a download cut half-way and writes the whole file', async function () {
      await faults([{endpoint: 'media', kind: 'truncate', count: 2}])
      const dest = mkdtempSync(join(tmpdir(), 'pixverse-dl-'))
      const result = await ctx.cli(['asset', 'download', videoId, '--dest', dest, '--json'])
      expect(result.exitCode, result.stderr).to.equal(0)
      expect(readFileSync(result.json<{file: string}>().file).equals(fixture)).to.equal(true)
      expect((await state()).faults_injected.truncate).to.be.at.least(2)
      // The resumed attempts asked for the rest only.
      expect(readdirSync(dest)).to.have.length(1)
    })

    it('a download that never completes exits 1 and leaves no file, partial or final', async function () {
      await faults([{endpoint: 'media', kind: 'truncate'}])
      const dest = mkdtempSync(join(tmpdir(), 'pixverse-dl-'))
      const result = await ctx.cli(['asset', 'download', videoId, '--dest', dest, '--json'])
      expect(result.exitCode).to.equal(1)
      expect(result.stdout).to.equal('')
      expect(readdirSync(dest)).to.deep.equal([])
    })

    it('a hostile download_name from the server cannot write outside the folder', async function () {
      const {token} = JSON.parse(readFileSync(join(ctx.cli.home, 'internal.json'), 'utf8')) as {token: string}
      const created = (await fetch(`${ctx.sandbox.url}/speech/tts/generate`, {
        method: 'POST',
        headers: {Token: token, 'content-type': 'application/json'},
        body: JSON.stringify({text: 'hello', model: 'tts-1', voice_id: 1}),
      }).then((r) => r.json())) as {Resp: {audio_id: number}}
      const waited = await ctx.cli([
        'task',
        'wait',
        String(created.Resp.audio_id),
        '--type',
        'audio',
        '--poll-interval',
        '1',
        '--json',
      ])
      expect(waited.exitCode, waited.stderr).to.equal(0)
      await faults([{endpoint: 'asset/download', kind: 'hostile-name'}])
      const root = mkdtempSync(join(tmpdir(), 'pixverse-hostile-'))
      const dest = join(root, 'a', 'b')
      const result = await ctx.cli([
        'asset',
        'download',
        String(created.Resp.audio_id),
        '--type',
        'audio',
        '--dest',
        dest,
        '--json',
      ])
      expect(result.exitCode, result.stderr).to.equal(0)
      const {file} = result.json<{file: string}>()
      expect(file.startsWith(dest + '/')).to.equal(true)
      expect(existsSync(join(root, 'evil.mp3'))).to.equal(false)
      expect(readdirSync(dest)).to.deep.equal(['evil.mp3'])
      expect(statSync(file).size).to.be.greaterThan(0)
    })
  })
})
