import {Config} from '@oclif/core'
import {expect} from 'chai'
import {randomUUID} from 'node:crypto'

import {ApiClient} from '../../src/api/client.js'
import TemplateList from '../../src/commands/template/list.js'
import VoicePresets from '../../src/commands/voice/presets.js'
import {runInProcess} from '../../src/base/in-process.js'
import {CommandContext, runWithContext} from '../../src/context/command-context.js'
import type {OutputStream} from '../../src/context/streams.js'
import {visibleLength} from '../../src/util/colour.js'
import {resolveEndpoint} from '../../src/api/base-url.js'
import {ROOT} from '../helpers/cli.js'
import {runCommand} from '../helpers/run-command.js'
import {useSandbox} from '../helpers/sandbox.js'
import {withoutProcessWrites} from '../helpers/process-writes.js'

/** A stream that records what is written, and claims to be a terminal of `columns` when given. */
function recorder(columns?: number): OutputStream & {text: string} {
  return {
    text: '',
    isTTY: columns !== undefined,
    columns,
    rows: 500,
    write(chunk: string) {
      this.text += chunk
      return true
    },
  }
}

const visible = visibleLength

describe('the command context (streams, JSON mode, service) a host hands to a command', function () {
  const ctx = useSandbox({inProcess: true})
  let config: Config

  before(async function () {
    config = await Config.load(ROOT)
  })

  /** The environment a command of this suite runs with: the logged-in home and the sandbox, nothing of the process. */
  const env = () => ({
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PIXVERSE_HOME: ctx.cli.home,
    ...ctx.sandbox.clientEnv,
  })

  // Imported statically: a dynamic import under tsx gives a second copy of every module.
  async function voicePresets(argv: string[], stdout: OutputStream & {text: string}, extraEnv = {}) {
    const stderr = recorder()
    const context = new CommandContext({streams: {stdin: process.stdin, stdout, stderr}, env: {...env(), ...extraEnv}})
    const exitCode = process.exitCode
    await withoutProcessWrites(() => runWithContext(context, () => VoicePresets.run(argv, config)))
    expect(process.exitCode ?? 0, stderr.text).to.equal(exitCode ?? 0)
    return stdout.text
  }

  it('renders a table within the columns of the context’s terminal (45), whatever the process’s stdout is', async function () {
    const tty = process.stdout.isTTY
    const wide = await voicePresets([], recorder())
    expect(Math.max(...wide.split('\n').map(visible)), 'a pipe gets whole cells').to.be.above(45)
    const narrow = await voicePresets([], recorder(45))
    const lines = narrow.trimEnd().split('\n')
    expect(lines.length).to.equal(wide.trimEnd().split('\n').length)
    for (const line of lines) expect(visible(line), line).to.be.at.most(45)
    expect(narrow).to.include('…')
    expect(process.stdout.isTTY).to.equal(tty)
  })

  it('colours only for a terminal, and NO_COLOR in the context’s environment turns it off', async function () {
    expect(await voicePresets([], recorder())).not.to.include('\u001B[')
    expect(await voicePresets([], recorder(80))).to.include('\u001B[1m')
    expect(await voicePresets([], recorder(80), {NO_COLOR: '1'})).not.to.include('\u001B[')
  })

  it('prints one JSON document in JSON mode, even to a terminal', async function () {
    const out = await voicePresets(['--json'], recorder(45))
    const body = JSON.parse(out) as {voices: unknown[]}
    expect(body.voices.length).to.be.above(3)
    expect(out).not.to.include('\u001B[')
  })

  it('the in-process runner hands its terminal to the command through the context', async function () {
    const narrow = await runCommand(['voice', 'presets'], {env: env(), terminal: {columns: 45}})
    expect(narrow.exitCode, narrow.stderr).to.equal(0)
    for (const line of narrow.stdout.trimEnd().split('\n')) expect(visible(line), line).to.be.at.most(45)
    const piped = await runCommand(['voice', 'presets'], {env: env()})
    expect(Math.max(...piped.stdout.split('\n').map(visible))).to.be.above(45)
  })

  it('a host runs a command with a context made from its own: shared service, result returned, nothing printed', async function () {
    const [hostOut, hostErr] = [recorder(), recorder()]
    const host = new CommandContext({streams: {stdin: process.stdin, stdout: hostOut, stderr: hostErr}, env: env()})
    const {session, settings} = host.stores()
    const endpoint = resolveEndpoint(env())
    let clients = 0
    host.connect({endpoint, session, settings, sandboxMode: false}, () => {
      clients++
      return new ApiClient({
        endpoint,
        credential: {kind: 'token', value: session.token ?? ''},
        workspaceId: 0,
        language: 'en-US',
        cliSource: 'test',
        userAgent: 'test',
      })
    })
    const call = host.inProcess()
    const {result, exitCode} = await withoutProcessWrites(() =>
      runInProcess(TemplateList, ['--limit', '2'], config, call),
    )
    expect(exitCode).to.equal(0)
    expect((result as {items: unknown[]}).items).to.have.length(2)
    expect(clients, 'the host’s client is shared').to.equal(1)
    expect(call.json).to.equal(true)
    expect(call.canPrompt()).to.equal(false)
    expect(hostOut.text + hostErr.text).to.equal('')

    // A per-call trace id needs a client of its own: the host's sends its own trace ids.
    const traceId = randomUUID()
    const own = await runInProcess(TemplateList, ['--limit', '1', '--trace-id', traceId], config, host.inProcess())
    expect((own.result as {items: unknown[]}).items).to.have.length(1)
    expect(clients, 'no second client from the host').to.equal(1)
    const last = (await ctx.sandbox.requests()).at(-1)
    expect(last?.path).to.include('content/template/list')
    expect(Object.entries(last?.headers ?? {}).find(([name]) => name.toLowerCase() === 'ai-trace-id')?.[1]).to.equal(
      traceId,
    )
  })
})
