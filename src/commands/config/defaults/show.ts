import * as Args from '@oclif/core/args'

import {ConfigCommand} from '../../../base/config-command.js'
import {defaultModes} from '../../../catalog/index.js'
import {showDefaults} from './index.js'
import {defaultsText} from '../../../util/defaults-text.js'

export default class ConfigDefaultsShow extends ConfigCommand<typeof ConfigDefaultsShow> {
  static description = 'Show the creation defaults of every mode, or of one (built-in values merged with yours).'

  static examples = [
    '<%= config.bin %> config defaults show --json',
    '<%= config.bin %> config defaults show video --json',
  ]

  static args = {
    mode: Args.string({description: `Only this mode (${defaultModes().join(', ')}).`}),
  }

  async run(): Promise<Record<string, unknown>> {
    return showDefaults(this.store.defaults(), this.args.mode)
  }

  protected renderHuman(result: unknown): string {
    return defaultsText(result as Record<string, unknown>, this.config.bin)
  }
}
