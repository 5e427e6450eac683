import type {Config} from '@oclif/core'

const PLUGIN = '@oclif/plugin-autocomplete'

/**
 * Runs one of plugin-autocomplete's own commands. The plugin exports no deep paths, and our
 * commands of the same id shadow its ones in `config.commands`, so ask the plugin directly.
 */
export async function runPluginCommand(config: Config, id: string, argv: string[]): Promise<void> {
  const plugin = config.plugins.get(PLUGIN)
  if (!plugin) throw new Error(`${PLUGIN} is not installed`)
  const command = (await plugin.findCommand(id, {must: true})) as unknown as {run(argv: string[], config: Config): Promise<unknown>}
  await command.run(argv, config)
}
