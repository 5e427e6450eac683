import {BaseCommand} from '../../base/base-command.js'

export default class PipelineList extends BaseCommand<typeof PipelineList> {
  static description =
    'List the built-in pipelines (run one with `pipeline run <name>`, copy one with `pipeline show <name>`).'

  static examples = ['<%= config.bin %> pipeline list', '<%= config.bin %> pipeline list --json']

  async run(): Promise<{
    pipelines: Array<{name: string; description: string; vars: Record<string, unknown>; steps: string[]}>
  }> {
    const [{builtinPipelines}, {parsePipeline}] = await Promise.all([
      import('../../pipeline/builtins.js'),
      import('../../pipeline/definition.js'),
    ])
    const pipelines = []
    for (const [name, text] of Object.entries(builtinPipelines)) {
      const definition = await parsePipeline(text, `builtin:${name}`, true)
      pipelines.push({
        name,
        description: definition.description,
        vars: definition.vars,
        steps: definition.steps.map((s) => `${s.id} (${s.mode})`),
      })
    }

    return {pipelines}
  }

  protected renderHuman(result: unknown): string {
    const {pipelines} = result as Awaited<ReturnType<PipelineList['run']>>
    return pipelines
      .map((p) => `${p.name.padEnd(18)} ${p.description}\n${' '.repeat(19)}vars: ${Object.keys(p.vars).join(', ')}`)
      .join('\n')
  }
}
