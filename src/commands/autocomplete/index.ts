import * as Args from '@oclif/core/args'
import {Command} from '@oclif/core/command'
import * as Flags from '@oclif/core/flags'

import {runPluginCommand} from '../../completion/plugin-command.js'
import {writeBashCompletion} from '../../completion/write-bash.js'

/**
 * `pixverse autocomplete [bash|zsh|powershell]`: plugin-autocomplete builds the cache and prints
 * the setup steps (on stdout: they are the result), then the bash function is replaced by ours,
 * which also completes flag values (models, qualities, aspect ratios… from the catalogue).
 */
export default class Autocomplete extends Command {
  static description = `Set up shell completion for bash, zsh or PowerShell, and print the steps.

Completes topics, commands, flags and flag values (models, qualities, aspect ratios… straight from the model catalogue). The cache refreshes itself after \`plugins install\`/\`uninstall\` and updates; \`--refresh-cache\` rebuilds it by hand.`

  static examples = [
    '<%= config.bin %> autocomplete',
    '<%= config.bin %> autocomplete bash',
    '<%= config.bin %> autocomplete zsh',
    '<%= config.bin %> autocomplete powershell',
    '<%= config.bin %> autocomplete --refresh-cache',
  ]

  static args = {
    shell: Args.string({description: 'Shell type', options: ['zsh', 'bash', 'powershell'], required: false}),
  }

  static flags = {
    'refresh-cache': Flags.boolean({char: 'r', description: 'Refresh cache (ignores displaying instructions)'}),
  }

  async run(): Promise<void> {
    await this.parse(Autocomplete)
    await runPluginCommand(this.config, 'autocomplete', this.argv)
    await writeBashCompletion(this.config)
  }
}
