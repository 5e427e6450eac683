import {expect} from 'chai'

import {
  type CreationModelSpec,
  builtInDefaults,
  countRange,
  modeSpec,
  modelSpec,
  modelsFor,
  modes,
} from '../../src/catalog/index.js'
import {type ParamQuestion, answerArgv, modelChoices, paramQuestions} from '../../src/wizard/choices.js'
import {creations} from '../../src/creations/index.js'
import {creationOfCommand, isBlankCreation, missingFlagsError, requiredFlags} from '../../src/wizard/required-flags.js'

const creationModes = modes().filter((mode) => ['video', 'image'].includes(modeSpec(mode).kind))

describe('wizard choices come from the catalogue', function () {
  it('never offers a value the model forbids, for every model of every video and image mode', function () {
    let checked = 0
    for (const mode of creationModes) {
      for (const model of modelsFor(mode)) {
        const spec = modelSpec(mode, model) as CreationModelSpec
        for (const hasImage of [false, true]) {
          for (const question of paramQuestions(mode, model, builtInDefaults(mode), hasImage)) {
            checked++
            if (question.type === 'confirm') {
              if (question.param === 'audio') expect(spec.audio, `${mode}/${model}`).to.equal('optional')
              if (question.param === 'multi_shot') expect(spec.multiShot, `${mode}/${model}`).to.equal(true)
              if (question.param === 'off_peak') expect(spec.offPeak, `${mode}/${model}`).to.equal(true)
              continue
            }

            const allowed: Record<string, string[]> = {
              quality: spec.qualities,
              duration: spec.durations.map(String),
              aspect_ratio: spec.aspectRatios,
              detail_level: spec.detailLevel?.values ?? [],
              count: Array.from({length: countRange().max - countRange().min + 1}, (_, i) =>
                String(countRange().min + i),
              ),
            }
            expect(allowed[question.param], `${mode}/${model} ${question.param}`).to.include.members(question.choices)
            expect(question.choices, `${mode}/${model} ${question.param}`).to.include(question.default)
          }
        }
      }
    }

    expect(checked).to.be.above(100)
  })

  it('narrows to the model: sora-2 offers only 720p and 4/8/12 s, no sound or multi-shot question', function () {
    const questions = paramQuestions('video', 'sora-2', builtInDefaults('video'), false)
    const byParam = Object.fromEntries(questions.map((q) => [q.param, q]))
    expect(byParam.quality).to.include({type: 'select'}).and.have.deep.property('choices', ['720p'])
    expect(byParam.duration).to.have.deep.property('choices', ['4', '8', '12'])
    expect(byParam).not.to.have.any.keys('audio', 'multi_shot', 'off_peak')
  })

  it('offers no more images per generation than the model makes (kling-image-v3 1, qwen-image 3)', function () {
    const countChoices = (model: string) => {
      const question = paramQuestions('image', model, builtInDefaults('image'), false).find((q) => q.param === 'count')
      return question?.type === 'select' ? question.choices : undefined
    }
    expect(countChoices('kling-image-v3')).to.deep.equal(['1'])
    expect(countChoices('qwen-image')).to.deep.equal(['1', '2', '3'])
    expect(countChoices('gpt-image-2.0')).to.deep.equal(['1', '2', '3', '4'])
  })

  it('uses the stored defaults as defaults when the model allows them', function () {
    const questions = paramQuestions(
      'video',
      'v6',
      {...builtInDefaults('video'), quality: '1080p', duration: 8, off_peak: true},
      false,
    )
    const byParam = Object.fromEntries(questions.map((q) => [q.param, q]))
    expect(byParam.quality.default).to.equal('1080p')
    expect(byParam.duration.default).to.equal('8')
    expect(byParam.off_peak.default).to.equal(true)
  })

  it('does not ask for an aspect ratio when an image gives the shape (video mode)', function () {
    const withImage = paramQuestions('video', 'v6', builtInDefaults('video'), true).map((q) => q.param)
    const without = paramQuestions('video', 'v6', builtInDefaults('video'), false).map((q) => q.param)
    expect(without).to.include('aspect_ratio')
    expect(withImage).not.to.include('aspect_ratio')
  })

  it('covers image models generically (quality, aspect ratio, detail level, count)', function () {
    const model = modelsFor('image').find((id) => (modelSpec('image', id) as CreationModelSpec).detailLevel)
    expect(model).to.be.a('string')
    const params = paramQuestions('image', model as string, builtInDefaults('image'), false).map((q) => q.param)
    expect(params).to.include.members(['quality', 'aspect_ratio', 'detail_level', 'count'])
  })

  it('hides models that need an image when none was given', function () {
    const needing = modelsFor('video').filter((id) => (modelSpec('video', id) as CreationModelSpec).requiresImage)
    expect(needing).not.to.be.empty
    for (const id of needing) {
      expect(modelChoices('video', false)).not.to.include(id)
      expect(modelChoices('video', true)).to.include(id)
    }
  })

  it('turns answers into the flags an agent would type', function () {
    const audio: ParamQuestion = {param: 'audio', flag: 'audio', type: 'confirm', message: '', default: true}
    expect(answerArgv(audio, false, true)).to.deep.equal(['--no-audio'])
    expect(answerArgv(audio, true, true)).to.deep.equal(['--audio'])
    const ratio: ParamQuestion = {
      param: 'aspect_ratio',
      flag: 'aspect-ratio',
      type: 'select',
      message: '',
      choices: ['16:9'],
    }
    expect(answerArgv(ratio, '16:9', false)).to.deep.equal(['--aspect-ratio', '16:9'])
  })
})

describe('who gets the wizard, and the missing-flags error', function () {
  const base = {json: {type: 'boolean'}, sandbox: {type: 'boolean'}, timeout: {type: 'option'}, wait: {type: 'boolean'}}

  it('knows the definition of each create command', async function () {
    expect((await creationOfCommand('create:video'))?.creation.required).to.deep.equal(['prompt'])
    const motion = await creationOfCommand('create:motion-control')
    expect(motion?.name).to.equal('motion-control')
    expect(motion?.creation.mode).to.equal('motion_control')
    expect(await creationOfCommand('task:wait')).to.equal(undefined)
    expect(await creationOfCommand('create:nothing')).to.equal(undefined)
  })

  it('treats global flags alone as "no arguments"', function () {
    expect(isBlankCreation([], base)).to.equal(true)
    expect(isBlankCreation(['--sandbox', '--timeout', '60', '-p', '--no-wait'], base)).to.equal(true)
    expect(isBlankCreation(['--prompt', 'x'], base)).to.equal(false)
    expect(isBlankCreation(['--timeout', '60', 'extra'], base)).to.equal(false)
  })

  it('names every required flag of the mode in one line', function () {
    expect(requiredFlags(creations.video)).to.deep.equal(['--prompt'])
    expect(requiredFlags(creations.transition)).to.deep.equal(['--images (2)'])
    expect(requiredFlags(creations['motion-control'])).to.deep.equal(['--image', '--video'])
    expect(missingFlagsError('video', ['--prompt']).message).to.equal('--prompt is required')
    const several = missingFlagsError('transition', ['--prompt', '--images (2)'])
    expect(several.message).to.equal('--prompt and --images (2) are required')
    expect(several.exitCode).to.equal(6)
  })
})

describe('media answers are cleaned the way a person means them', function () {
  it('strips the quotes a dragged-in path arrives with, unescapes spaces and expands ~', async function () {
    const {homedir} = await import('node:os')
    const {cleanMediaAnswer} = await import('../../src/wizard/media-question.js')
    expect(cleanMediaAnswer(" '/tmp/my cat.png' ")).to.equal('/tmp/my cat.png')
    expect(cleanMediaAnswer('"/tmp/cat.png"')).to.equal('/tmp/cat.png')
    expect(cleanMediaAnswer('/tmp/my\\ cat.png')).to.equal('/tmp/my cat.png')
    expect(cleanMediaAnswer('~/cat.png')).to.equal(`${homedir()}/cat.png`)
    expect(cleanMediaAnswer("'~/cat.png'")).to.equal(`${homedir()}/cat.png`)
    expect(cleanMediaAnswer('https://example.com/a\\b.png')).to.equal('https://example.com/a\\b.png')
    expect(cleanMediaAnswer('390000000002')).to.equal('390000000002')
  })
})
