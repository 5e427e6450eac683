import * as Args from '@oclif/core/args'

import {BaseCommand} from '../../base/base-command.js'
import {describeModel} from '../../catalog/describe-model.js'
import {modelsFor, modes} from '../../catalog/index.js'
import {type ModelFacts, allModels, modeOfWord, modeWord, modelFacts, modesOf} from '../../catalog/model-facts.js'
import {validationError} from '../../errors.js'

export interface ModelsResult {
  /** The mode asked for, or absent for every model. */
  mode?: string
  models: ModelFacts[]
}

export default class Models extends BaseCommand<typeof Models> {
  static description = `What each model accepts: qualities, durations, aspect ratios, sound, inputs, --count cap.

Give a mode (the word after \`create\`) for the limits as that command applies them; without one, every model is listed with the limits of the first mode that takes it. Read from the model catalogue: nothing is sent. Prices: \`pixverse music models\` and the result of a creation.`

  static examples = [
    '<%= config.bin %> models video',
    '<%= config.bin %> models image --json',
    '<%= config.bin %> models info sora-2',
  ]

  static args = {
    mode: Args.string({description: 'A creation mode: video, image, transition, extend, voice, music, …'}),
  }

  async run(): Promise<ModelsResult> {
    const word = this.args.mode
    if (word === undefined) {
      return {
        models: allModels()
          .map((id) => modelFacts(modesOf(id)[0], id))
          .filter((f): f is ModelFacts => f !== undefined),
      }
    }

    const mode = modeOfWord(word)
    if (!mode) throw validationError(`Unknown mode "${word}"`, `One of: ${modes().map(modeWord).join(', ')}.`)
    return {mode: modeWord(mode), models: modelsFor(mode).flatMap((id) => modelFacts(mode, id) ?? [])}
  }

  protected renderHuman(result: unknown): string {
    const {mode, models} = result as ModelsResult
    if (models.length === 0) return `create ${mode} takes no --model.`
    const blocks = models.map((facts) => describeModel(facts))
    const next = mode
      ? `Details: pixverse models info <model>`
      : 'Limits as one command applies them: pixverse models <mode>'
    return [...blocks, next].join('\n\n')
  }
}
