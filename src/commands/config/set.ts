import * as Args from '@oclif/core/args'
import {resolve} from 'node:path'

import {ConfigCommand} from '../../base/config-command.js'
import {configKey} from '../../config/keys.js'

export default class ConfigSet extends ConfigCommand<typeof ConfigSet> {
  static description = `Change one setting.

output-dir is the folder every download uses when --dest is not given (stored as an absolute path).`

  static examples = ['<%= config.bin %> config set output-dir ~/Videos/pixverse --json']

  static args = {
    key: Args.string({description: 'Setting name (output-dir).', required: true}),
    value: Args.string({description: 'New value.', required: true}),
  }

  async run(): Promise<{success: true; key: string; value: unknown}> {
    const store = this.store
    const key = configKey(this.args.key, store.all())
    this.previous = store.all()[key]
    const value = key === 'outputDir' ? resolve(this.args.value) : this.args.value
    store.set(key, value)
    return {success: true, key, value}
  }

  /** The value before this change, for the human line ("was …"). */
  private previous: unknown

  protected renderHuman(result: unknown): string {
    const {value} = result as {value: unknown}
    const was =
      this.previous === undefined
        ? ' (was not set)'
        : this.previous === value
          ? ' (unchanged)'
          : ` (was ${String(this.previous)})`
    return `Set ${this.args.key} to ${String(value)}${was}`
  }
}
