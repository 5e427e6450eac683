import {expect} from 'chai'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {type CreationModelSpec, catalog, modeSpec, modelSpec, modelsFor, modes} from '../../src/catalog/index.js'
import {ROOT, runCli} from '../helpers/cli.js'
import {expectSchema} from '../helpers/schema.js'

const word = (mode: string) => mode.replace(/_/g, '-')
/** The create commands that take --model, with their mode. */
const CREATES = readdirCreates()

function readdirCreates(): Array<{command: string; mode: string}> {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8')) as {
    commands: Record<string, {flags: Record<string, unknown>}>
  }
  return Object.entries(manifest.commands)
    .filter(([id, c]) => id.startsWith('create:') && c.flags.model)
    .map(([id]) => ({command: id.slice('create:'.length), mode: id.slice('create:'.length).replace(/-/g, '_')}))
}

describe('pixverse models: what each model accepts, from the catalogue', function () {
  it('lists the models of a mode with their limits as that mode applies them (--json, schema)', async function () {
    for (const mode of ['video', 'image', 'extend', 'voice', 'music'] as const) {
      const result = await runCli(['models', word(mode), '--json'])
      expect(result.exitCode, result.stderr).to.equal(0)
      const body = result.json<{mode: string; models: Array<Record<string, any>>}>()
      expectSchema('models', body)
      expect(body.mode).to.equal(word(mode))
      expect(body.models.map((m) => m.id)).to.deep.equal(modelsFor(mode))
      if (modeSpec(mode).kind !== 'video' && modeSpec(mode).kind !== 'image') continue
      for (const facts of body.models) {
        const spec = modelSpec(mode, facts.id) as CreationModelSpec
        expect(facts.qualities, facts.id).to.deep.equal(spec.qualities)
        expect(facts.aspect_ratios, facts.id).to.deep.equal(spec.aspectRatios)
        if (spec.kind === 'video') expect(facts.durations, facts.id).to.deep.equal(spec.durations)
        if (spec.kind === 'video') expect(facts.audio, facts.id).to.equal(spec.audio)
      }
    }
  })

  it('shows a count cap only for models whose data has one', async function () {
    const capped = Object.entries(catalog.image_models as Record<string, {max_count?: number}>).filter(
      ([, m]) => typeof m.max_count === 'number',
    )
    const json = (await runCli(['models', 'image', '--json'])).json<{models: Array<{id: string; count_max?: number}>}>()
    for (const facts of json.models)
      expect(facts.count_max, facts.id).to.equal(capped.find(([id]) => id === facts.id)?.[1].max_count)
    const human = await runCli(['models', 'image'])
    expect(human.stdout.includes('count cap')).to.equal(capped.length > 0)
  })

  it('without a mode lists every model once, with the modes that take it', async function () {
    const body = (await runCli(['models', '--json'])).json<{models: Array<{id: string; modes: string[]}>}>()
    expectSchema('models', body)
    const all = [...new Set(modes().flatMap((mode) => modelsFor(mode)))]
    expect(body.models.map((m) => m.id)).to.deep.equal(all)
    const v6 = body.models.find((m) => m.id === 'v6')
    expect(v6?.modes).to.deep.equal(
      modes()
        .filter((mode) => modelsFor(mode).includes('v6'))
        .map(word),
    )
  })

  it('models info <id> gives the model in every mode that takes it; people get a short block', async function () {
    const json = await runCli(['models', 'info', 'sora-2', '--json'])
    expect(json.exitCode, json.stderr).to.equal(0)
    const body = json.json<{id: string; modes: Array<{mode: string; durations: number[]}>}>()
    expectSchema('models-info', body)
    expect(body.modes.map((m) => m.mode)).to.deep.equal(
      modes()
        .filter((mode) => modelsFor(mode).includes('sora-2'))
        .map(word),
    )
    const human = await runCli(['models', 'info', 'sora-2'])
    const sora = modelSpec('video', 'sora-2') as CreationModelSpec
    expect(human.stdout).to.include('sora-2 in create video')
    expect(human.stdout).to.match(new RegExp(`durations\\s+${sora.durations.join(', ')} s`))
    expect(human.stdout).to.match(new RegExp(`qualities\\s+${sora.qualities.join(', ')}`))
  })

  it('an unknown mode or model is one line and exit 6, with nothing on stdout in JSON mode', async function () {
    for (const args of [
      ['models', 'vidoe'],
      ['models', 'info', 'sora-9'],
    ]) {
      const result = await runCli([...args, '--json'])
      expect(result.exitCode, args.join(' ')).to.equal(6)
      expect(result.stdout).to.equal('')
      expect(result.errorJson().error).to.match(/^Unknown (mode|model) /)
    }
  })

  it('the two result schemas describe a model the same way', function () {
    const list = JSON.parse(readFileSync(join(ROOT, 'schemas', 'models.json'), 'utf8'))
    const info = JSON.parse(readFileSync(join(ROOT, 'schemas', 'models-info.json'), 'utf8'))
    expect(info.definitions).to.deep.equal(list.definitions)
  })
})

describe('create help at 80 columns: --model <value> and a pointer, never a broken model name', function () {
  it('covers every create command that takes --model', function () {
    expect(CREATES.map((c) => c.command)).to.include.members(['video', 'image', 'voice', 'music', 'transition'])
  })

  for (const {command, mode} of CREATES) {
    it(`create ${command} --help`, async function () {
      const help = await runCli(['create', command, '--help'], {env: {COLUMNS: '80'}})
      expect(help.exitCode).to.equal(0)
      const usage = help.stdout.slice(help.stdout.indexOf('USAGE'), help.stdout.indexOf('FLAGS'))
      // oclif wraps the usage line between words; what matters is --model shown as <value>, not the enum.
      expect(usage.replace(/\s+/g, ' ')).to.match(/\[-m <value>\]/)
      expect(help.stdout).to.match(new RegExp(`pixverse models\\s+${command}\\b`))
      // A name broken across lines shows up whole only once the line breaks are taken out.
      const unbroken = help.stdout.replace(/\n\s*/g, '')
      for (const model of modelsFor(mode as never)) {
        const count = (text: string) => text.split(model).length - 1
        expect(count(unbroken), `${model} broken in create ${command} --help`).to.equal(count(help.stdout))
      }
    })
  }
})
