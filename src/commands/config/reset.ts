import {ConfigCommand} from '../../base/config-command.js'

export default class ConfigReset extends ConfigCommand<typeof ConfigReset> {
  static description = 'Clear every setting and creation default (the login is kept).'

  static examples = ['<%= config.bin %> config reset --json']

  async run(): Promise<{success: true; message: string}> {
    this.store.reset()
    return {success: true, message: 'Configuration reset to defaults'}
  }

  protected renderHuman(): string {
    return 'Cleared every setting and creation default (the login is kept).'
  }
}
