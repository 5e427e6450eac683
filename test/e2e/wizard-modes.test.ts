import {expect} from 'chai'
import {copyFileSync, mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {ROOT} from '../helpers/cli.js'
import {useSandbox} from '../helpers/sandbox.js'
import {Terminal} from '../helpers/tmux.js'

const MEDIA = {
  image: 'fixtures/media/sample.png',
  video: 'fixtures/media/sample.mp4',
  audio: 'fixtures/media/sample.mp3',
}

/** Text to type, or named keys to send (`['Up', 'Enter']`), for the question a pattern matches. */
type Answers = Array<[RegExp, string | string[]]>

/** The question the wizard is asking now: the last `? …` line on the screen, without what is typed after it. */
function activePrompt(screen: string): string | undefined {
  return screen
    .split('\n')
    .filter((line) => line.startsWith('? '))
    .at(-1)
    ?.replace(/:\s.*$/, ':')
    .trimEnd()
}

/**
 * Answers every question of a wizard the way a person in a hurry does: a short text for text, the
 * sample file for a required (or first optional) media input, the default for every choice; then
 * "Submit? Yes". `answers` overrides by question text. Returns the screen at the summary.
 */
async function walk(term: Terminal, answers: Answers = []): Promise<string> {
  const given = new Set<string>()
  let last = ''
  let same = 0
  for (let step = 0; step < 40; step++) {
    const screen = await term.waitFor(/^\? .*$/m)
    const prompt = activePrompt(screen) ?? ''
    if (prompt.startsWith('? Submit?')) return screen
    same = prompt === last ? same + 1 : 0
    if (same > 20) throw new Error(`stuck at ${prompt}:\n${screen}`)
    if (prompt === last) {
      await new Promise((resolve) => setTimeout(resolve, 150))
      continue
    }

    last = prompt
    const own = answers.find(([pattern]) => pattern.test(prompt))
    const media = /^\? (Reference image|Image|Video|Audio)\b/.exec(prompt)
    const reply = own?.[1]
    if (Array.isArray(reply)) {
      term.keys(...reply)
      continue
    }

    if (reply !== undefined) term.type(reply)
    else if (media) {
      const kind = media[1].startsWith('Video') ? 'video' : media[1].startsWith('Audio') ? 'audio' : 'image'
      const skip =
        prompt.includes('empty to skip') && (given.has(kind) || kind === 'audio' || media[1] === 'Reference image')
      if (!skip) term.type(MEDIA[kind])
      given.add(kind)
    } else if (/^\? (Prompt|Text|Lyrics|Text to speak)\b/.test(prompt) && !prompt.includes('(optional)'))
      term.type('a calm lake at dawn')
    term.keys('Enter')
  }

  throw new Error(`the wizard never reached "Submit?":\n${term.screen()}`)
}

describe('every creation mode has a wizard that finishes (tmux)', function () {
  this.timeout(120_000)
  // Tasks of 1 ms: done by the first look after the submit, so a walk rarely pays a real
  // 2 s poll (how long a task takes is not what these cases check).
  const ctx = useSandbox({taskSeconds: 0.001})
  let term: Terminal | undefined
  const env = () => ({PIXVERSE_HOME: ctx.cli.home, ...ctx.sandbox.clientEnv})

  afterEach(function () {
    term?.kill()
    term = undefined
  })

  async function finish(args: string[], answers: Answers = []): Promise<{summary: string; screen: string}> {
    term = Terminal.start(args, env())
    const summary = await walk(term, answers)
    expect(summary).to.match(/equivalent: pixverse create /)
    term.keys('Enter')
    expect(await term.exitCode(60_000), term.screen()).to.equal(0)
    return {summary, screen: term.screen()}
  }

  for (const mode of [
    'transition',
    'extend',
    'reference',
    'modify',
    'motion-control',
    'upscale',
    'image',
    'speech',
    'sound',
  ]) {
    it(`create ${mode}: walks to a finished task`, async function () {
      const {screen} = await finish(['create', mode])
      expect(screen).to.match(/status\s+completed|completed/)
    })
  }

  it('create template: found by a search, asks for exactly the images it takes, no 1 s duration', async function () {
    await ctx.sandbox.clearRequests()
    // "Earth Zoom" takes exactly two images.
    const {summary} = await finish(['create', 'template'], [[/Find a template/, 'earth zoom']])
    expect(summary).to.match(/Image 1 of 2/)
    expect(summary).to.match(/Image 2 of 2/)
    expect(summary).not.to.match(/Duration/)
    expect(summary).to.match(/template\s+Earth Zoom \(315002/)
    const sent = (await ctx.sandbox.requests()).filter((r) => r.method === 'POST' && /\/video\/i2v$/.test(r.path))
    expect(sent).to.have.length(1)
    expect(sent[0].body).to.include({template_id: 315_002, duration: 5})
    expect((sent[0].body as {customer_img_paths?: unknown[]}).customer_img_paths).to.have.length(2)
  })

  it('create template: browsed by category, a text-only template asks for no image', async function () {
    // The first category's first template (Muscle Surge) is text only.
    const {summary} = await finish(['create', 'template'])
    expect(summary).to.match(/template\s+Muscle Surge/)
    expect(summary).not.to.match(/\? Image/)
  })

  it("create voice: the voice is one of the chosen model's presets", async function () {
    await ctx.sandbox.clearRequests()
    const presets = await ctx.cli(['voice', 'presets', '--model', 'speech-2.8-hd', '--json'])
    const first = presets.json<{voices: Array<{voice_id: string; display_name: string}>}>().voices[0]
    const {summary} = await finish(['create', 'voice'])
    expect(summary).to.include('✔ Voice (speech-2.8-hd)')
    expect(summary).to.include(`--voice-id ${first.voice_id}`)
    const sent = (await ctx.sandbox.requests()).filter(
      (r) => r.method === 'POST' && r.path.endsWith('speech/tts/generate'),
    )
    expect(sent).to.have.length(1)
    expect(sent[0].body).to.include({voice_id: first.voice_id, model: 'speech-2.8-hd'})
  })

  it('create music: asks for the words, and quotes the price `music models` gives', async function () {
    await ctx.sandbox.clearRequests()
    const models = await ctx.cli(['music', 'models', '--json'])
    const priced = models
      .json<{provider_groups: Array<{models: Array<{model: string; credits: number}>}>}>()
      .provider_groups.flatMap((g) => g.models)
    const credits = priced.find((m) => m.model === 'music-2.6')?.credits
    const {summary} = await finish(['create', 'music'])
    expect(summary).to.match(/Words/)
    expect(summary).to.match(new RegExp(`cost\\s+${credits} credits`))
    expect(summary).to.include('--auto-lyrics')
    const sent = (await ctx.sandbox.requests()).filter((r) => r.method === 'POST' && r.path.endsWith('music/generate'))
    expect(sent).to.have.length(1)
    expect(sent[0].body).to.include({auto_lyrics: true, instrumental: false})
  })

  it('create music with own lyrics: the lyrics are sent', async function () {
    await ctx.sandbox.clearRequests()
    const {summary} = await finish(
      ['create', 'music'],
      [
        [/\? Words/, ['Up', 'Enter']],
        [/\? Lyrics/, 'la la la, the lake is calm'],
      ],
    )
    expect(summary).to.match(/lyrics\s+la la la/)
  })

  it('a dragged-in (quoted) path and a ~ path are taken as the files they name', async function () {
    const home = mkdtempSync(join(tmpdir(), 'pixverse-tilde-'))
    copyFileSync(join(ROOT, MEDIA.image), join(home, 'cat.png'))
    term = Terminal.start(['create', 'transition'], {...env(), HOME: home})
    const summary = await walk(term, [
      [/Image 1/, `'${join(ROOT, MEDIA.image)}'`],
      [/Image 2/, '~/cat.png'],
    ])
    expect(summary).to.match(new RegExp(`images\\s+${join(ROOT, MEDIA.image)}, ${join(home, 'cat.png')}`))
    term.keys('Enter')
    expect(await term.exitCode(60_000), term.screen()).to.equal(0)
  })

  it('a token the service refuses: exit 3 before the first question', async function () {
    term = Terminal.start(['create', 'voice'], {...env(), PIXVERSE_TOKEN: 'expired-or-made-up'})
    expect(await term.exitCode(), term.screen()).to.equal(3)
    expect(term.screen()).not.to.include('? ')
  })

  it('logged out: one "Not logged in" line and exit 3 before the first question', async function () {
    const {mkdtempSync: temp} = await import('node:fs')
    term = Terminal.start(['create', 'template'], {
      PIXVERSE_HOME: temp(join(tmpdir(), 'pixverse-home-')),
      ...ctx.sandbox.clientEnv,
    })
    expect(await term.exitCode(), term.screen()).to.equal(3)
    const screen = term.screen()
    expect(screen).to.include('Not logged in')
    expect(screen).not.to.include('? ')
    expect(screen).not.to.include('10002')
  })
})
