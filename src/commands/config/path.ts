import {ConfigCommand} from '../../base/config-command.js'

export default class ConfigPath extends ConfigCommand<typeof ConfigPath> {
  static description = 'Print where settings and the session are stored ($PIXVERSE_HOME, default ~/.pixverse).'

  static examples = ['<%= config.bin %> config path --json']

  async run(): Promise<{dir: string; config: string}> {
    return this.paths
  }

  protected renderHuman(result: unknown): string {
    const {dir, config} = result as {dir: string; config: string}
    return `Folder    ${dir}\nSettings  ${config}`
  }
}
