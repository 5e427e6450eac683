import type {Command, Config} from '@oclif/core'

import {DONE, FAILED_LABELS, PENDING, scheduledInterval} from '../api/tasks.js'
import * as flag from '../base/creation-flags.js'
import {defaultModel, modeSpec, modelSpec, modelsFor, modes} from '../catalog/index.js'
import {creationNamed} from '../creations/index.js'
import {pipelineCapabilities} from '../pipeline/capabilities.js'
import {exitCodes} from './exit-codes.js'

/**
 * The machine-readable description of the CLI, built at run time from what the parser actually
 * uses — the loaded commands (oclif manifest) and the catalogue — so it cannot drift from it.
 * Deterministic (sorted, no timestamps) so a committed snapshot can be diffed.
 */
export function buildCapabilities(config: Config): Record<string, unknown> {
  return {
    name: config.name,
    bin: config.bin,
    version: config.version,
    topic_separator: config.topicSeparator,
    json_flags: ['--json', '-p'],
    topics: config.topics
      .filter((topic) => !topic.hidden)
      .map((topic) => ({name: topic.name.replaceAll(':', config.topicSeparator), description: topic.description}))
      .sort((a, b) => a.name.localeCompare(b.name)),
    commands: commands(config),
    exit_codes: exitCodes(),
    polling: polling(),
    catalog: catalogue(),
    pipelines: pipelineCapabilities(),
  }
}

function commands(config: Config): Array<Record<string, unknown>> {
  return config.commands
    .filter((command) => !command.hidden)
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((command) => ({
      id: command.id.replaceAll(':', config.topicSeparator),
      plugin: command.pluginName === config.name ? 'core' : command.pluginName,
      summary: summary(command),
      ...(command.aliases?.length ? {aliases: [...command.aliases].sort()} : {}),
      strict: command.strict !== false,
      args: Object.values(command.args ?? {}).map((arg) =>
        compact({
          name: arg.name,
          description: arg.description,
          required: Boolean(arg.required),
          options: arg.options,
          default: arg.default,
        }),
      ),
      flags: Object.fromEntries(
        Object.entries(command.flags ?? {})
          .filter(([, f]) => !f.hidden)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([name, f]) => [name, flagInfo(f, requiredInputs(command.id).includes(name))]),
      ),
    }))
}

function summary(command: Command.Loadable): string | undefined {
  return command.summary ?? command.description?.split('\n')[0]
}

/** A creation's required inputs are its definition's (its flags are never oclif-required: the wizard asks). */
function requiredInputs(id: string): readonly string[] {
  return id.startsWith('create:') ? (creationNamed(id.slice('create:'.length))?.required ?? []) : []
}

function flagInfo(f: Command.Flag.Cached, requiredInput: boolean): Record<string, unknown> {
  const option = f.type === 'option' ? f : undefined
  return compact({
    type: f.type,
    char: f.char,
    description: f.summary ?? f.description?.split('\n')[0],
    default: f.default,
    options: option?.options,
    required: Boolean(f.required) || requiredInput,
    multiple: Boolean(option?.multiple),
    allowNo: f.type === 'boolean' ? Boolean(f.allowNo) : undefined,
    group: f.helpGroup,
  })
}

function polling(): Record<string, unknown> {
  const changes = [0, 30_000, 120_000].map((after) => ({
    after_seconds: after / 1000,
    interval_seconds: scheduledInterval(after) / 1000,
  }))
  return {
    status_codes: {
      done: [DONE],
      pending: [...PENDING].sort((a, b) => a - b),
      failed: Object.keys(FAILED_LABELS).map(Number),
    },
    status_labels: Object.fromEntries(
      [DONE, ...PENDING, ...Object.keys(FAILED_LABELS).map(Number)].map((code) => [code, labelOf(code)]),
    ),
    intervals: changes,
    default_timeout_seconds: flag.timeout().default,
    min_poll_interval_seconds: 1,
    on_timeout: 'exit 2; the ids are in the error so `task wait <id>` can resume',
  }
}

function labelOf(code: number): string {
  if (code === DONE) return 'completed'
  return FAILED_LABELS[code]?.toLowerCase() ?? (code === 10 ? 'generating' : 'in queue')
}

function catalogue(): Record<string, unknown> {
  return Object.fromEntries(
    modes().map((mode) => {
      const spec = modeSpec(mode)
      return [
        mode,
        compact({
          title: spec.title,
          kind: spec.kind,
          params: spec.params,
          default_model: defaultModel(mode),
          inputs: Object.keys(spec.inputs).length > 0 ? spec.inputs : undefined,
          models: Object.fromEntries(modelsFor(mode).map((id) => [id, modelSpec(mode, id) ?? null])),
        }),
      ]
    }),
  )
}

function compact(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined))
}
