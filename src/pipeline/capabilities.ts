import {poolOf} from '../batch/prepare-rows.js'
import {creations} from '../creations/index.js'
import {builtinPipelines} from './builtins.js'
import {creationOutputs} from './check.js'
import {localSteps} from './local-steps.js'

/** The pipeline file format for agents (`capabilities` → `pipelines`): step kinds, fields, outputs, references. */
export function pipelineCapabilities(): Record<string, unknown> {
  return {
    command: 'pipeline run <file|name> [--var key=value …] [--out DIR] [--dry-run] [--detach]',
    formats: ['yaml', 'json'],
    document: {
      name: 'letters, digits, - or _',
      description: 'text',
      vars: '{name: {default?, description?, required?}}',
      steps: 'list of steps, run in dependency order',
    },
    step: {
      id: 'unique; letters, digits, - or _',
      mode: 'a creation mode or a local step',
      for_each:
        'creation steps only: a reference to a list output; the step runs once per element (${item}, ${index} from 1)',
    },
    references: {
      variable: '${name}',
      output: '${step.field}',
      whole_value:
        'a field that is exactly one reference takes the value itself (a list stays a list); inside text it is replaced by text',
      order: 'a step reads only steps defined before it',
    },
    creation_modes: Object.fromEntries(
      Object.keys(creations)
        .sort()
        .map((mode) => [
          mode,
          {
            fields: `the flags of \`create ${mode}\` (kebab-case, as in capabilities.commands)`,
            outputs: creationOutputs(poolOf(mode)),
          },
        ]),
    ),
    local_steps: Object.fromEntries(
      Object.entries(localSteps).map(([mode, kind]) => [
        mode,
        {description: kind.description, fields: kind.fields, outputs: kind.outputs, needs_ffmpeg: kind.needsFfmpeg},
      ]),
    ),
    builtins: Object.keys(builtinPipelines),
    state: '<out>/pipeline.state.json; rerun the same command to resume without paying twice',
  }
}
