import {expect} from 'chai'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {tempHome} from '../helpers/cli.js'
import {runCommand} from '../helpers/run-command.js'
import {expectSchema} from '../helpers/schema.js'
import {defaultModes} from '../../src/catalog/index.js'

describe('config defaults show/set/reset', function () {
  const home = tempHome()
  // In-process: local settings commands, whose subject is what they store and print.
  const cli = (args: string[]) => runCommand(args, {env: {PIXVERSE_HOME: home}})
  const stored = () => JSON.parse(readFileSync(join(home, 'config.json'), 'utf8'))

  it('bare `config defaults` shows every mode with the built-in values', async function () {
    const result = await cli(['config', 'defaults', '--json'])
    expect(result.exitCode, result.stderr).to.equal(0)
    const body = result.json<Record<string, Record<string, unknown>>>()
    expectSchema('config-defaults', body)
    // The list itself is pinned by test/unit/catalog.test.ts; here every mode the catalogue has is shown.
    expect(Object.keys(body)).to.have.members(defaultModes())
    expect(body.video).to.deep.equal({
      model: 'v6',
      duration: 5,
      quality: '720p',
      aspect_ratio: '16:9',
      audio: true,
      multi_shot: true,
      count: 1,
    })
    const show = await cli(['config', 'defaults', 'show', '--json'])
    expectSchema('config-defaults-show', show.json())
    expect(show.json()).to.deep.equal(body)
  })

  it('sets a value with coercion and shows it merged', async function () {
    const set = await cli(['config', 'defaults', 'set', 'video', 'duration', '8', '--json'])
    expect(set.exitCode, set.stderr).to.equal(0)
    expectSchema('config-defaults-set', set.json())
    expect(set.json()).to.deep.equal({success: true, mode: 'video', key: 'duration', value: 8, values: {duration: 8}})
    expect(
      (await cli(['config', 'defaults', 'set', 'motion-control', 'off-peak', 'true', '--json'])).json(),
    ).to.include({mode: 'motion_control', key: 'off_peak', value: true})
    expect(stored()).to.deep.include({
      defaults: {video: {duration: 8}, motion_control: {off_peak: true}},
      defaultsVersion: 2,
    })
    const show = await cli(['config', 'defaults', 'show', 'video', '--json'])
    expectSchema('config-defaults-show', show.json())
    expect(show.json()).to.deep.equal({
      mode: 'video',
      defaults: {
        model: 'v6',
        duration: 8,
        quality: '720p',
        aspect_ratio: '16:9',
        audio: true,
        multi_shot: true,
        count: 1,
      },
    })
    const human = await cli(['config', 'defaults', 'show', 'video'])
    expect(human.stdout).to.match(/^video: v6 · 8 s · 720p · 16:9 · audio · multi-shot · count 1\n/)
  })

  it('accepts the documented --mode form with several keys', async function () {
    const result = await cli([
      'config',
      'defaults',
      'set',
      '--mode',
      'image',
      '--model',
      'qwen-image',
      '--quality',
      '720p',
      '--json',
    ])
    expect(result.exitCode, result.stderr).to.equal(0)
    expectSchema('config-defaults-set', result.json())
    expect(result.json()).to.deep.equal({success: true, mode: 'image', values: {model: 'qwen-image', quality: '720p'}})
    const one = await cli(['config', 'defaults', 'set', '--mode', 'video', '--aspect-ratio=9:16', '--json'])
    expect(one.json()).to.deep.include({key: 'aspect_ratio', value: '9:16'})
    expect(stored().defaults.image).to.deep.equal({model: 'qwen-image', quality: '720p'})
  })

  it('rejects bad modes, keys and values with exit 6 and writes nothing', async function () {
    const before = readFileSync(join(home, 'config.json'), 'utf8')
    const cases: Array<[string[], RegExp]> = [
      [['set', 'video', 'model', 'nope'], /^Model "nope" is not available for video$/],
      [['set', 'cartoon', 'model', 'v6'], /^Unknown mode: cartoon$/],
      [['set', 'video', 'colour', 'red'], /^Unknown key "colour" for mode video$/],
      [['set', 'video', 'duration', 'long'], /must be a number/],
      [['set', 'upscale', 'model', 'v6'], /^Unknown key "model" for mode upscale$/],
      [['set', 'upscale', 'quality', '720p'], /not available for upscale/],
      [['set', 'template', 'model', 'v6'], /^Unknown key "model" for mode template$/],
      [['set', 'video', 'model'], /Usage/],
      [['set', '--mode', 'video', '--model', 'v6', '--colour', 'red'], /^Unknown key "colour"/],
      [['set', '--mode', 'video', '--model'], /needs a value/],
      [['set', '--mode', 'video'], /Nothing to set/],
      [['show', 'cartoon'], /^Unknown mode: cartoon$/],
      [['reset', 'cartoon'], /^Unknown mode: cartoon$/],
    ]
    for (const [args, message] of cases) {
      const result = await cli(['config', 'defaults', ...args, '--json'])
      expect(result.exitCode, args.join(' ')).to.equal(6)
      expect(result.stdout, args.join(' ')).to.equal('')
      expect(result.errorJson().error, args.join(' ')).to.match(message)
    }

    expect(readFileSync(join(home, 'config.json'), 'utf8')).to.equal(before)
  })

  it('resets one mode, then all', async function () {
    const one = await cli(['config', 'defaults', 'reset', 'video', '--json'])
    expect(one.exitCode, one.stderr).to.equal(0)
    expectSchema('config-defaults-reset', one.json())
    expect(one.json<{defaults: Record<string, unknown>}>().defaults).to.include({duration: 5, aspect_ratio: '16:9'})
    expect(stored().defaults).to.have.keys('motion_control', 'image')
    const all = await cli(['config', 'defaults', 'reset', '--json'])
    expectSchema('config-defaults-reset', all.json())
    expect(all.json()).to.deep.equal({success: true, message: 'Reset all creation defaults'})
    expect(stored().defaults).to.deep.equal({})
  })
})
