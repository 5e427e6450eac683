import {expect} from 'chai'

import {modeSpec} from '../../src/catalog/index.js'
import {defineCreation} from '../../src/creations/define.js'
import {type CreationName, creationNames, creations} from '../../src/creations/index.js'
import type {PrepareContext} from '../../src/creations/types.js'
import * as flag from '../../src/base/creation-flags.js'
import {missingFlagsError, requiredFlags} from '../../src/wizard/required-flags.js'

/** prepare() never sends a request; these are all it may use. */
const ctx: PrepareContext = {storedDefaults: () => ({}), text: async (value) => value}

async function prepareError(
  name: CreationName,
  input: Record<string, unknown>,
): Promise<{message: string; exitCode?: number}> {
  try {
    await creations[name].prepare(input, ctx)
  } catch (error) {
    return error as {message: string; exitCode?: number}
  }

  throw new Error(`create ${name} accepted ${JSON.stringify(input)}`)
}

describe('defineCreation: one definition per creation mode', function () {
  it('registers the 13 create commands under their command names', function () {
    expect(creationNames).to.have.length(13)
    expect(creationNames).to.include.members(['video', 'motion-control', 'music'])
  })

  for (const name of creationNames) {
    const creation = creations[name]

    it(`${name}: every required input is one of its flags, and the catalogue minimums are required`, function () {
      for (const required of creation.required) expect(creation.flags, required).to.have.property(required)
      const atLeastOne = Object.entries(modeSpec(creation.mode).inputs).filter(([, limit]) => limit.min > 0)
      for (const [key] of atLeastOne) expect(creation.required, `catalogue input ${key}`).to.include(key)
    })

    it(`${name}: help says "Required" for exactly the required flags`, function () {
      const said = Object.entries(creation.flags)
        .filter(([, definition]) => /\bRequired\b/.test(definition.description ?? ''))
        .map(([key]) => key)
      expect(said.sort()).to.deep.equal([...creation.required].sort())
    })

    it(`${name}: a bare call names every required flag in one exit-6 line`, function () {
      const missing = requiredFlags(creation)
      expect(missing).to.have.length(creation.required.length)
      const error = missingFlagsError(name, missing)
      expect(error.exitCode).to.equal(6)
      for (const required of creation.required) expect(error.message).to.include(`--${required}`)
      expect(error.hint).to.include(`pixverse create ${name}`)
    })

    it(`${name}: prepare refuses an empty input with exit 6, naming the first required input`, async function () {
      const error = await prepareError(name, {})
      expect(error.exitCode, error.message).to.equal(6)
      // A list flag with a catalogue minimum is left to the catalogue, whose message names the count.
      const inputs = modeSpec(creation.mode).inputs
      const counted = (key: string) => {
        const definition = creation.flags[key]
        return definition.type === 'option' && definition.multiple === true && (inputs[key]?.min ?? 0) > 0
      }
      const plain = creation.required.find((key) => !counted(key))
      expect(error.message).to.match(
        plain ? new RegExp(`^--${plain} is required`) : /^At least \d+ images? (is|are) required/,
      )
    })
  }

  it('keeps the hint a mode gives for a missing flag', async function () {
    expect((await prepareError('template', {})).message).to.equal(
      '--template-id is required (find one with `pixverse template list`)',
    )
    expect((await prepareError('sound', {video: '123'})).message).to.equal(
      '--prompt is required (describe the sound effect)',
    )
  })

  it('counts list inputs from the catalogue: --images (2) for transition', function () {
    expect(requiredFlags(creations.transition)).to.deep.equal(['--images (2)'])
    expect(missingFlagsError('modify', requiredFlags(creations.modify)).message).to.equal(
      '--video and --prompt are required',
    )
  })

  it('checks required flags before the mode runs, and passes the typed input through', async function () {
    const seen: unknown[] = []
    const probe = defineCreation({
      mode: 'video',
      flags: {prompt: flag.prompt({required: true}), seed: flag.seed()},
      required: ['prompt'],
      async prepare(input) {
        seen.push(input.prompt, input.seed)
        return {warnings: [], plan: async () => ({kind: 'video', path: 'video/t2v', body: {}, idempotent: true})}
      },
    })
    for (const empty of [{}, {prompt: ''}, {prompt: undefined, seed: 3}]) {
      const error = await probe.prepare(empty, ctx).then(
        () => undefined,
        (error_: {message: string}) => error_,
      )
      expect(error?.message).to.equal('--prompt is required')
    }

    expect(seen).to.deep.equal([])
    await probe.prepare({prompt: 'a cat', seed: 7}, ctx)
    expect(seen).to.deep.equal(['a cat', 7])
  })
})
