import {ConfigCommand} from '../../base/config-command.js'
import {settingName} from '../../config/keys.js'
import {renderTable} from '../../util/table.js'

export default class ConfigList extends ConfigCommand<typeof ConfigList> {
  static description = 'Show the settings and where they are stored.'

  static examples = ['<%= config.bin %> config list --json']

  async run(): Promise<Record<string, unknown>> {
    const {defaults: _defaults, defaultsVersion: _version, ...rest} = this.store.all()
    return {outputDir: null, ...rest, _paths: this.paths}
  }

  protected renderHuman(result: unknown): string {
    const {_paths: paths, ...settings} = result as {_paths: {config: string}} & Record<string, unknown>
    const rows = Object.entries(settings).map(([key, value]) => ({
      setting: settingName(key),
      value: value === null || value === undefined ? '(not set)' : value,
    }))
    return [
      renderTable(rows, ['setting', 'value']),
      `Stored in ${paths.config}`,
      `Change one: ${this.config.bin} config set <setting> <value>`,
    ].join('\n')
  }
}
