import * as Args from '@oclif/core/args'

import {ConfigCommand} from '../../../base/config-command.js'
import {defaultModes} from '../../../catalog/index.js'
import {effectiveDefaults, parseMode} from '../../../config/mode-defaults.js'
import {defaultsText} from '../../../util/defaults-text.js'

export default class ConfigDefaults extends ConfigCommand<typeof ConfigDefaults> {
  static description = `Show the creation defaults every create command starts from (built-in values merged with yours).

Same as \`config defaults show\`. Change one with \`config defaults set <mode> <key> <value>\`, undo with \`config defaults reset [mode]\`.`

  static examples = ['<%= config.bin %> config defaults --json', '<%= config.bin %> config defaults video']

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

/** All modes `{video: {...}, image: {...}}`, or `{mode, defaults}` for one. */
export function showDefaults(
  stored: Record<string, Record<string, unknown>>,
  modeArg?: string,
): Record<string, unknown> {
  if (modeArg !== undefined) {
    const mode = parseMode(modeArg)
    return {mode, defaults: effectiveDefaults(mode, stored)}
  }

  return Object.fromEntries(defaultModes().map((mode) => [mode, effectiveDefaults(mode, stored)]))
}
