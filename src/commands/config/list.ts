import {ConfigCommand} from '../../base/config-command.js'

export default class ConfigList extends ConfigCommand<typeof ConfigList> {
  static description = 'Show the settings and where they are stored.'

  static examples = ['<%= config.bin %> config list --json']

  async run(): Promise<Record<string, unknown>> {
    const {defaults: _defaults, defaultsVersion: _version, ...rest} = this.store.all()
    return {outputDir: null, ...rest, _paths: this.paths}
  }
}
