import * as Args from '@oclif/core/args'

import {ConfigCommand} from '../../../base/config-command.js'
import {defaultModes} from '../../../catalog/index.js'
import {effectiveDefaults, parseMode} from '../../../config/mode-defaults.js'
import {defaultsLine} from '../../../util/defaults-text.js'

export default class ConfigDefaultsReset extends ConfigCommand<typeof ConfigDefaultsReset> {
  static description = "Forget your creation defaults: all of them, or one mode's (back to the built-in values)."

  static examples = ['<%= config.bin %> config defaults reset --json', '<%= config.bin %> config defaults reset video']

  static args = {
    mode: Args.string({description: `Only this mode (${defaultModes().join(', ')}).`}),
  }

  async run(): Promise<Record<string, unknown>> {
    const store = this.store
    if (this.args.mode === undefined) {
      store.updateDefaults(() => ({}))
      return {success: true, message: 'Reset all creation defaults'}
    }

    const mode = parseMode(this.args.mode)
    store.updateDefaults(({[mode]: _dropped, ...rest}) => rest)
    return {success: true, message: `Reset ${mode} creation defaults`, defaults: effectiveDefaults(mode, {})}
  }

  protected renderHuman(result: unknown): string {
    const {defaults} = result as {defaults?: Record<string, unknown>}
    if (!defaults) return 'Reset every creation default to the built-in values.'
    return `Reset ${this.args.mode} creation defaults to the built-in values: ${defaultsLine(defaults)}`
  }
}
