import * as Args from '@oclif/core/args'

import {ConfigCommand} from '../../base/config-command.js'
import {configKey, settingName} from '../../config/keys.js'

export default class ConfigGet extends ConfigCommand<typeof ConfigGet> {
  static description = 'Print one setting.'

  static examples = ['<%= config.bin %> config get output-dir --json']

  static args = {
    key: Args.string({description: 'Setting name (output-dir).', required: true}),
  }

  async run(): Promise<{key: string; value: unknown}> {
    const all = this.store.all()
    const key = configKey(this.args.key, all)
    return {key, value: all[key] ?? null}
  }

  /** The bare value, so `$(pixverse config get output-dir)` works; an unset key says so and how to set it. */
  protected renderHuman(result: unknown): string {
    const {key, value} = result as {key: string; value: unknown}
    if (value !== null && value !== undefined) return typeof value === 'object' ? JSON.stringify(value) : String(value)
    return `${settingName(key)} is not set\nSet it: ${this.config.bin} config set ${settingName(key)} <value>`
  }
}
