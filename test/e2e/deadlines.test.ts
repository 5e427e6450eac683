import {expect} from 'chai'

import {runCli, tempHome} from '../helpers/cli.js'
import {type HangingServer, startHangingServer} from '../helpers/hanging-server.js'

describe('deadlines: --timeout bounds the whole command, and a silent host is never silent on stderr', function () {
  this.timeout(90_000)
  let server: HangingServer

  before(async function () {
    server = await startHangingServer()
  })

  after(async function () {
    await server.close()
  })

  const env = () => ({PIXVERSE_HOME: tempHome(), PIXVERSE_API_BASE: server.url, PIXVERSE_TOKEN: 'test-token'})

  it('`task wait --timeout 3` against a host that never answers ends in seconds with exit 2 and the id', async function () {
    const started = Date.now()
    const result = await runCli(['task', 'wait', '390000000001', '--timeout', '3', '--json'], {env: env()})
    const took = Date.now() - started
    expect(result.exitCode, result.stderr).to.equal(2)
    expect(took, 'the whole command, not each of its requests').to.be.below(10_000)
    expect(result.errorJson().video_id).to.equal(390_000_000_001)
    expect(result.stdout).to.equal('')
  })

  it('`create video --timeout 3` against a silent host exits 2 with the idempotency key', async function () {
    const started = Date.now()
    const result = await runCli(['create', 'video', '--prompt', 'never answered', '--timeout', '3', '--json'], {
      env: env(),
    })
    expect(result.exitCode, result.stderr).to.equal(2)
    expect(Date.now() - started).to.be.below(10_000)
    expect(result.errorJson().idempotency_key).to.match(/^pixverse-cli-/)
  })

  it('a command without --timeout says within a second or so which host it is waiting for', async function () {
    let stderr = ''
    let saidAt: number | undefined
    const started = Date.now()
    await runCli(['account', 'info', '--json'], {
      env: env(),
      onSpawn(child) {
        child.stderr?.on('data', (chunk) => {
          stderr += chunk
          if (saidAt === undefined && stderr.includes(server.host)) {
            saidAt = Date.now()
            child.kill('SIGKILL')
          }
        })
      },
      timeoutMs: 20_000,
    })
    expect(saidAt, stderr || 'nothing on stderr').to.be.a('number')
    // Start-up costs up to a second or two on a loaded machine; the notice itself comes one second in.
    expect((saidAt as number) - started, stderr).to.be.below(6000)
    expect(stderr).to.match(/waiting for|retrying/i)
  })
})
