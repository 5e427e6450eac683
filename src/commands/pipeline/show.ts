import * as Args from '@oclif/core/args'

import {BaseCommand} from '../../base/base-command.js'
import {validationError} from '../../errors.js'

export default class PipelineShow extends BaseCommand<typeof PipelineShow> {
  static description =
    'Print a built-in pipeline as YAML, a template to copy and edit (`pipeline show storyboard > film.yaml`).'

  static examples = [
    '<%= config.bin %> pipeline show storyboard > film.yaml',
    '<%= config.bin %> pipeline show production --json',
  ]

  static args = {
    name: Args.string({description: 'Built-in pipeline name (see `pipeline list`).', required: true}),
  }

  async run(): Promise<{name: string; yaml: string; definition: unknown}> {
    const [{builtinPipelines}, {parsePipeline}] = await Promise.all([
      import('../../pipeline/builtins.js'),
      import('../../pipeline/definition.js'),
    ])
    const text = Object.hasOwn(builtinPipelines, this.args.name) ? builtinPipelines[this.args.name] : undefined
    if (!text)
      throw validationError(
        `No built-in pipeline "${this.args.name}" (built-ins: ${Object.keys(builtinPipelines).join(', ')})`,
      )
    this.builtinText = text
    return {name: this.args.name, yaml: text, definition: await parsePipeline(text, `builtin:${this.args.name}`, true)}
  }

  /** Our own built-in text, printed as it is: the renderer's copy has its line breaks folded (Output). */
  private builtinText = ''

  protected renderHuman(): string {
    return this.builtinText
  }
}
