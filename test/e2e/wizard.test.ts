import {expect} from 'chai'

import {type CreationModelSpec, modelSpec} from '../../src/catalog/index.js'
import {modelChoices} from '../../src/wizard/choices.js'
import {runCli} from '../helpers/cli.js'
import {type SandboxProcess, useSandbox} from '../helpers/sandbox.js'
import {Terminal} from '../helpers/tmux.js'

/** The choices a select prompt shows under `? <message>`, cursor mark removed. */
function choicesUnder(screen: string, message: string): string[] {
  const lines = screen.split('\n')
  const start = lines.findIndex((line) => line.startsWith(`? ${message}`))
  if (start < 0) throw new Error(`no prompt "${message}" on screen:\n${screen}`)
  const out: string[] = []
  for (const line of lines.slice(start + 1)) {
    if (line.includes('↑↓') || line.trim() === '') break
    out.push(line.replace(/^[❯>]?\s*/, '').trim())
  }

  return out
}

async function creations(sandbox: SandboxProcess): Promise<Array<{path: string; body?: unknown}>> {
  const log = await sandbox.requests()
  return log.filter(
    (r) => r.method === 'POST' && /\/(video|image)\/(t2v|i2v|t2i|i2i|transition|extend|fusion)/.test(r.path),
  )
}

describe('the creation wizard at a real terminal (tmux)', function () {
  this.timeout(90_000)
  const ctx = useSandbox()
  let term: Terminal | undefined
  const env = () => ({...ctx.sandbox.netEnv, PIXVERSE_HOME: ctx.cli.home, ...ctx.sandbox.clientEnv})

  afterEach(function () {
    term?.kill()
    term = undefined
  })

  it('asks for a video step by step, offers only what the chosen model allows, and ends with a completed task', async function () {
    await ctx.sandbox.clearRequests()
    term = Terminal.start(['create', 'video'], env())
    await term.waitFor('? Prompt')
    term.type('a cat surfing at sunset')
    term.keys('Enter')

    // A file path is checked as it is typed.
    await term.waitFor('? Image')
    term.type('missing-cat.png')
    term.keys('Enter')
    await term.waitFor('No such file: missing-cat.png')
    term.keys(...Array.from({length: 'missing-cat.png'.length}, () => 'BSpace'))
    term.keys('Enter')

    // Without an image, models that need one are not offered.
    let screen = await term.waitFor(/\? Model[\s\S]*↑↓/)
    const offered = modelChoices('video', false)
    expect(screen).not.to.match(/^\s*❯?\s*grok-imagine-1\.5\b/m)
    const index = offered.indexOf('sora-2')
    expect(index).to.be.above(0)
    term.keys(...Array.from({length: index}, () => 'Down'))
    await term.waitFor(/❯ sora-2 /)
    term.keys('Enter')

    const sora = modelSpec('video', 'sora-2') as CreationModelSpec
    screen = await term.waitFor(/\? Duration \(seconds\)[\s\S]*↑↓/)
    expect(screen).to.include(`Quality ${sora.qualities[0]} (the only choice for sora-2)`)
    expect(sora.qualities).to.deep.equal(['720p'])
    expect(choicesUnder(screen, 'Duration (seconds)')).to.deep.equal(sora.durations.map(String))
    expect(choicesUnder(screen, 'Duration (seconds)')).to.deep.equal(['4', '8', '12'])
    term.keys('Down', 'Enter')

    screen = await term.waitFor(/\? Aspect ratio[\s\S]*↑↓/)
    expect(choicesUnder(screen, 'Aspect ratio')).to.deep.equal(sora.aspectRatios)
    term.keys('Enter')

    screen = await term.waitFor('? How many to create')
    // sora-2 has no optional sound, no multi-shot, no off-peak queue: none of them is asked.
    expect(screen).not.to.include('Generate sound?')
    expect(screen).not.to.include('multi-shot')
    expect(screen).not.to.include('off-peak')
    term.keys('Enter')

    screen = await term.waitFor('? Submit?')
    expect(screen).to.match(/model\s+sora-2/)
    expect(screen).to.match(/duration\s+8/)
    expect(screen).to.match(/cost\s+not known before submitting/)
    expect(screen).to.include(
      "equivalent: pixverse create video --prompt 'a cat surfing at sunset' --model sora-2 --quality 720p --duration 8",
    )
    expect(await creations(ctx.sandbox)).to.have.length(0)
    term.keys('Enter')

    expect(await term.exitCode(), term.screen()).to.equal(0)
    screen = term.screen()
    expect(screen).to.match(/status\s+completed/)
    expect(screen).to.match(/model\s+sora-2/)
    const sent = await creations(ctx.sandbox)
    expect(sent).to.have.length(1)
    expect(sent[0].path).to.match(/video\/t2v$/)
    expect(sent[0].body).to.include({
      prompt: 'a cat surfing at sunset',
      model: 'sora-2',
      duration: 8,
      quality: '720p',
      aspect_ratio: '16:9',
    })
  })

  it('takes an image, then stops asking for an aspect ratio and keeps to models that accept it', async function () {
    await ctx.sandbox.clearRequests()
    term = Terminal.start(['create', 'video'], env())
    await term.waitFor('? Prompt')
    term.type('[sandbox:seconds=1] waves')
    term.keys('Enter')
    await term.waitFor('? Image')
    term.type('fixtures/media/sample.mp3')
    term.keys('Enter')
    await term.waitFor('expects an image file')
    term.keys(...Array.from({length: 3}, () => 'BSpace'))
    term.type('png')
    term.keys('Enter')
    const screen = await term.waitFor(/\? Model[\s\S]*↑↓/)
    expect(screen).to.match(/✔ Image .*fixtures\/media\/sample\.png/)
    term.keys('Enter')
    await term.waitFor('? Quality')
    // Answer every remaining question with its default until the summary.
    for (let i = 0; i < 10 && !term.screen().includes('? Submit?'); i++) {
      term.keys('Enter')
      await new Promise((resolve) => setTimeout(resolve, 300))
    }

    const summary = await term.waitFor('? Submit?')
    expect(summary).not.to.include('Aspect ratio')
    expect(summary).to.match(/image\s+fixtures\/media\/sample\.png/)
    term.keys('Enter')
    expect(await term.exitCode(), term.screen()).to.equal(0)
    const sent = await creations(ctx.sandbox)
    expect(sent).to.have.length(1)
    expect(sent[0].path).to.match(/video\/i2v$/)
  })

  for (const stop of ['? Prompt', '? Model', '? Submit?']) {
    it(`Ctrl-C at "${stop}" exits 130 and nothing is created`, async function () {
      await ctx.sandbox.clearRequests()
      term = Terminal.start(['create', 'video'], env())
      await term.waitFor('? Prompt')
      if (stop !== '? Prompt') {
        term.type('a fox')
        term.keys('Enter')
        await term.waitFor('? Image')
        term.keys('Enter')
      }

      if (stop === '? Submit?') {
        await term.waitFor('? Model')
        for (let i = 0; i < 12 && !term.screen().includes('? Submit?'); i++) {
          term.keys('Enter')
          await new Promise((resolve) => setTimeout(resolve, 300))
        }
      }

      await term.waitFor(stop)
      term.keys('C-c')
      expect(await term.exitCode(), term.screen()).to.equal(130)
      expect(term.screen()).to.include('Cancelled; nothing was submitted')
      expect(await creations(ctx.sandbox)).to.have.length(0)
    })
  }

  it('never prompts in a terminal when --json or CI is set: exit 6 naming the flag', async function () {
    for (const [args, extra] of [
      [['create', 'video', '--json'], {}],
      [['create', 'video'], {CI: 'true'}],
    ] as const) {
      term = Terminal.start([...args], {...env(), ...extra})
      expect(await term.exitCode(10_000), term.screen()).to.equal(6)
      const screen = term.screen()
      expect(screen).to.include('--prompt is required')
      expect(screen).not.to.include('? Prompt')
      term.kill()
    }

    expect(await creations(ctx.sandbox)).to.have.length(0)
  })

  it('never prompts with stdin closed or --json: exit 6 naming the flags to pass', async function () {
    await ctx.sandbox.clearRequests()
    const plain = await runCli(['create', 'video'], {env: {...env(), CI: undefined}})
    expect(plain.exitCode).to.equal(6)
    expect(plain.stdout).to.equal('')
    expect(plain.stderr).to.match(/^error --prompt is required$/m)
    expect(plain.stderr).to.include('at a terminal without flags for the interactive wizard')

    const json = await runCli(['create', 'video', '--json', '--no-wait'], {env: {...env(), CI: undefined}})
    expect(json.exitCode).to.equal(6)
    expect(json.stdout).to.equal('')
    expect(json.errorJson()).to.include({error: '--prompt is required', exit_code: 6})
    expect(await creations(ctx.sandbox)).to.have.length(0)
  })

  it('workspace switch without an id lets a person pick, and refuses agents with exit 6', async function () {
    term = Terminal.start(['workspace', 'switch'], env())
    const screen = await term.waitFor(/Switch to workspace[\s\S]*Partner Agency/)
    expect(screen).to.include('Personal')
    term.keys('Down', 'Enter')
    expect(await term.exitCode()).to.equal(0)
    expect(term.screen()).to.match(/Switched to Sandbox Studio \(880001/)
    term.kill()
    term = undefined
    const status = await ctx.cli(['workspace', 'status', '--json'])
    expect(status.json()).to.include({workspaceId: 880001})
    await ctx.cli(['workspace', 'switch', '0', '--json'])

    const agent = await ctx.cli(['workspace', 'switch', '--json'])
    expect(agent.exitCode).to.equal(6)
    expect(agent.stdout).to.equal('')
    expect(agent.errorJson().error).to.include('workspace-id')
  })

  it('pickWorkspace lets a person choose from the list, and Ctrl-C exits 130', async function () {
    const driver = ['--import', 'tsx', 'test/helpers/pick-workspace-driver.ts']
    term = Terminal.start([], {}, {command: [process.execPath, ...driver]})
    const screen = await term.waitFor(/Switch to workspace[\s\S]*Studio B/)
    expect(screen).to.match(/Studio A\s+\(owner\)/)
    term.keys('Down', 'Down', 'Enter')
    expect(await term.exitCode()).to.equal(0)
    expect(term.screen()).to.include('picked 9')
    term.kill()

    term = Terminal.start([], {}, {command: [process.execPath, ...driver]})
    await term.waitFor('Switch to workspace')
    term.keys('C-c')
    expect(await term.exitCode()).to.equal(130)
  })
})
