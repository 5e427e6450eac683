import * as Args from '@oclif/core/args'

import {BaseCommand} from '../../base/base-command.js'
import {describeModel} from '../../catalog/describe-model.js'
import {type ModelFacts, allModels, modelFacts, modesOf} from '../../catalog/model-facts.js'
import {validationError} from '../../errors.js'

export interface ModelInfo {
  id: string
  name: string
  kind: ModelFacts['kind']
  /** The model's limits as each create command that takes it applies them. */
  modes: ModelFacts[]
}

export default class ModelsInfo extends BaseCommand<typeof ModelsInfo> {
  static description = `Everything one model accepts, in each create command that takes it.

Read from the model catalogue: nothing is sent.`

  static examples = ['<%= config.bin %> models info sora-2', '<%= config.bin %> models info gpt-image-2.0 --json']

  static args = {
    model: Args.string({description: 'A model id (see `pixverse models`).', required: true}),
  }

  async run(): Promise<ModelInfo> {
    const id = this.args.model.trim()
    const found = modesOf(id).flatMap((mode) => modelFacts(mode, id) ?? [])
    if (found.length === 0) {
      const near = allModels().filter((m) => m.startsWith(id.split(/[-.]/)[0]) && id !== '')
      throw validationError(
        `Unknown model "${id}"`,
        near.length > 0 ? `Did you mean ${near.slice(0, 5).join(', ')}?` : 'List them with `pixverse models`.',
      )
    }

    return {id, name: found[0].name, kind: found[0].kind, modes: found}
  }

  protected renderHuman(result: unknown): string {
    const info = result as ModelInfo
    return info.modes.map((facts) => describeModel(facts, {inMode: true})).join('\n\n')
  }
}
