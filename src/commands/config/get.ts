import * as Args from '@oclif/core/args'

import {ConfigCommand} from '../../base/config-command.js'
import {configKey} from '../../config/keys.js'

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
}
