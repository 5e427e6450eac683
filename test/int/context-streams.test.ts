import {Config} from '@oclif/core'
import {expect} from 'chai'
import {chmodSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {PassThrough} from 'node:stream'

import AssetDelete from '../../src/commands/asset/delete.js'
import AuthStatus from '../../src/commands/auth/status.js'
import CreateVoice from '../../src/commands/create/voice.js'
import Update from '../../src/commands/update.js'
import {CommandContext, runWithContext} from '../../src/context/command-context.js'
import type {IOStreams, OutputStream} from '../../src/context/streams.js'
import {pickWorkspace} from '../../src/wizard/pick-workspace.js'
import {ROOT} from '../helpers/cli.js'
import {useSandbox} from '../helpers/sandbox.js'
import {withoutProcessWrites} from '../helpers/process-writes.js'

/** The class as oclif's runner hands it out: with its id, which tells the wizard which creation it fills in. */
class CreateVoiceById extends CreateVoice {
  static id = 'create:voice'
}

/** A terminal that is not the process's: stdin a pipe the test types into, stdout and stderr recorded. */
function fakeTerminal(): IOStreams & {stdin: PassThrough; stdout: Recorder; stderr: Recorder} {
  const stdin = Object.assign(new PassThrough(), {isTTY: true, setRawMode: () => stdin})
  return {stdin, stdout: recorder(), stderr: recorder()}
}

type Recorder = OutputStream & {text: string; waitFor(text: string): Promise<void>}

function recorder(): Recorder {
  return {
    text: '',
    isTTY: true,
    columns: 80,
    rows: 24,
    write(chunk: string) {
      this.text += chunk
      return true
    },
    async waitFor(text: string) {
      for (let tries = 0; !this.text.includes(text); tries++) {
        if (tries > 500) throw new Error(`"${text}" never arrived; the stream had: ${JSON.stringify(this.text)}`)
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
    },
  }
}

describe('prompts and notes use the command context’s streams, not the process’s', function () {
  const ctx = useSandbox({inProcess: true})
  let config: Config

  before(async function () {
    config = await Config.load(ROOT)
  })

  const env = () => ({
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PIXVERSE_HOME: ctx.cli.home,
    ...ctx.sandbox.clientEnv,
  })

  const newVideo = async () => {
    const result = await ctx.cli(['create', 'video', '--prompt', 'to delete', '--no-wait', '--json'])
    expect(result.exitCode, result.stderr).to.equal(0)
    return result.json<{video_id: number}>().video_id
  }

  const deletes = async () => (await ctx.sandbox.requests()).filter((r) => r.path.endsWith('asset/library/delete'))

  /** `asset delete ID` with a context at `terminal`; `answer` is typed once the question is on its stderr. */
  async function deleteAt(terminal: ReturnType<typeof fakeTerminal>, id: number, answer: string): Promise<number> {
    const context = new CommandContext({streams: terminal, env: env()})
    expect(context.canPrompt(), 'the context is a person’s terminal').to.equal(true)
    const exitCode = process.exitCode
    try {
      await withoutProcessWrites(async () => {
        const running = runWithContext(context, () => AssetDelete.run([String(id)], config))
        await terminal.stderr.waitFor('(y/N)').catch((error: Error) => {
          terminal.stdin.write('\u0003')
          throw error
        })
        terminal.stdin.write(answer)
        await running
      })
      return Number(process.exitCode ?? 0)
    } finally {
      process.exitCode = exitCode
    }
  }

  it('asset delete asks on the context’s stderr and reads the answer from its stdin; "n" deletes nothing', async function () {
    const id = await newVideo()
    await ctx.sandbox.clearRequests()
    const terminal = fakeTerminal()
    expect(await deleteAt(terminal, id, 'n\r'), terminal.stderr.text).to.equal(130)
    expect(terminal.stderr.text).to.include(`Delete video ${id}? This cannot be undone.`)
    expect(terminal.stderr.text).to.include('Cancelled; nothing was deleted')
    expect(terminal.stdout.text).to.equal('')
    expect(await deletes()).to.have.length(0)
  })

  it('"y" typed on the context’s stdin deletes, and the result goes to its stdout', async function () {
    const id = await newVideo()
    await ctx.sandbox.clearRequests()
    const terminal = fakeTerminal()
    expect(await deleteAt(terminal, id, 'y\r'), terminal.stderr.text).to.equal(0)
    expect(terminal.stdout.text).to.include(`Deleted video ${id}`)
    expect(terminal.stderr.text).not.to.include('Deleted video')
    expect(await deletes()).to.have.length(1)
  })

  it('the create wizard asks every question, the voice picker’s too, on the context’s streams', async function () {
    const terminal = fakeTerminal()
    const context = new CommandContext({streams: terminal, env: env()})
    const exitCode = process.exitCode
    try {
      await withoutProcessWrites(async () => {
        const running = runWithContext(context, () => CreateVoiceById.run([], config))
        for (const [question, answer] of [
          ['Text:', 'hello from the wizard\r'],
          ['Model', '\r'],
          ['Voice (', '\r'],
          ['Submit?', '\r'],
        ]) {
          await terminal.stderr.waitFor(question).catch((error: Error) => {
            terminal.stdin.write('\u0003')
            throw error
          })
          terminal.stdin.write(answer)
        }

        await running
      })
      expect(process.exitCode ?? 0, terminal.stderr.text).to.equal(0)
    } finally {
      process.exitCode = exitCode
    }

    expect(terminal.stderr.text)
      .to.match(/Voice \(\S+\)/)
      .and.include('equivalent: pixverse create voice --text')
    const submitted = (await ctx.sandbox.requests()).filter((r) => r.path.endsWith('speech/tts/generate'))
    expect(submitted.at(-1)?.body).to.include({text: 'hello from the wizard'})
    expect(terminal.stdout.text).not.to.equal('')
  })

  it('a picker draws its list on the stderr it is handed and sanitises the service’s names', async function () {
    const terminal = fakeTerminal()
    const picked = await withoutProcessWrites(async () => {
      const choosing = pickWorkspace(
        [
          {workspace_id: 0, name: 'Personal'},
          {workspace_id: 7, name: 'Studio\u0007 A\u202E', role: 'owner'},
        ],
        terminal,
      )
      await terminal.stderr.waitFor('Switch to workspace')
      terminal.stdin.write('\u001B[B')
      await terminal.stderr.waitFor('id 7')
      terminal.stdin.write('\r')
      return choosing
    })
    expect(picked).to.equal(7)
    expect(terminal.stderr.text).to.include('Studio A  (owner)')
    expect(terminal.stderr.text).not.to.include('\u0007').and.not.include('\u202E')
  })

  it('update runs the command from the context’s environment and echoes its output on the context’s stderr', async function () {
    const terminal = fakeTerminal()
    const command = 'echo from-stdout; echo from-stderr >&2'
    const context = new CommandContext({streams: terminal, env: {...env(), PIXVERSE_UPDATE_COMMAND: command}})
    const exitCode = process.exitCode
    try {
      await withoutProcessWrites(() => runWithContext(context, () => Update.run([], config)))
      expect(process.exitCode ?? 0, terminal.stderr.text).to.equal(0)
    } finally {
      process.exitCode = exitCode
    }

    expect(terminal.stderr.text).to.include('from-stdout\n').and.include('from-stderr\n')
    expect(terminal.stdout.text)
      .to.include(`with \`${command}\``)
      .and.not.match(/^from-/m)
  })

  it('the warning about a token file others could read goes to the context’s stderr', async function () {
    const file = join(ctx.cli.home, 'internal.json')
    chmodSync(file, 0o644)
    const terminal = fakeTerminal()
    const context = new CommandContext({streams: terminal, env: env()})
    const exitCode = process.exitCode
    try {
      await withoutProcessWrites(() => runWithContext(context, () => AuthStatus.run(['--json'], config)))
      expect(process.exitCode ?? 0, terminal.stderr.text).to.equal(0)
    } finally {
      process.exitCode = exitCode
    }

    expect(statSync(file).mode & 0o777).to.equal(0o600)
    expect(terminal.stderr.text).to.include(`warn ${file} was readable by others (mode 644); it is now 0600\n`)
    expect(JSON.parse(terminal.stdout.text)).to.be.an('object')
  })
})
