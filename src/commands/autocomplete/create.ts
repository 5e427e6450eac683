import {Command} from '@oclif/core/command'

import {runPluginCommand} from '../../completion/plugin-command.js'
import {writeBashCompletion} from '../../completion/write-bash.js'

/**
 * Shadows plugin-autocomplete's hidden `autocomplete create` (same id; the root plugin wins), so
 * every cache refresh — `pixverse autocomplete`, plugin installs, updates — also writes our bash
 * function, which completes flag values from the catalogue (zsh and PowerShell stay the plugin's).
 */
export default class AutocompleteCreate extends Command {
  static description = 'Create the autocomplete setup scripts and completion functions.'
  static examples = ['<%= config.bin %> autocomplete create']
  static hidden = true

  async run(): Promise<void> {
    await runPluginCommand(this.config, 'autocomplete:create', this.argv)
    await writeBashCompletion(this.config)
  }
}
