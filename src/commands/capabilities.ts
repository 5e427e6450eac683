import {buildCapabilities} from '../capabilities/build.js'
import {BaseCommand} from '../base/base-command.js'

export default class Capabilities extends BaseCommand<typeof Capabilities> {
  static description = `Describe the whole CLI as one JSON document, for agents.

Every command (core and plugins) with its arguments and flags (type, char, default, options, required, multiple, allowNo), the exit codes and what they mean, the polling contract, and the model catalogue per mode (models with their qualities, durations, aspect ratios, inputs). Generated from the parser and the catalogue at run time, so it is never out of date.`

  static examples = [
    '<%= config.bin %> capabilities --json',
    "<%= config.bin %> capabilities --json | jq '.catalog.video.models | keys'",
  ]

  async run(): Promise<Record<string, unknown>> {
    return buildCapabilities(this.config)
  }

  protected renderHuman(result: unknown): string {
    const doc = result as {commands: Array<{id: string; summary?: string}>}
    const width = Math.max(...doc.commands.map((c) => c.id.length))
    return [
      ...doc.commands.map((c) => `${c.id.padEnd(width)}  ${c.summary ?? ''}`),
      '',
      'Run with --json for the full machine-readable document.',
    ].join('\n')
  }
}
