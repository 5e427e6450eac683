import type {Config} from '@oclif/core'

const PLUGIN = '@oclif/plugin-autocomplete'

/**
 * Runs one of plugin-autocomplete's own commands. The plugin exports no deep paths, and our
 * commands of the same id shadow its ones in `config.commands`, so ask the plugin directly.
 */
export async function runPluginCommand(config: Config, id: string, argv: string[]): Promise<void> {
  const plugin = config.plugins.get(PLUGIN)
  if (!plugin) throw new Error(`${PLUGIN} is not installed`)
  const command = (await plugin.findCommand(id, {must: true})) as unknown as {
    run(argv: string[], config: Config): Promise<unknown>
  }
  // The plugin's zsh and PowerShell writers know nothing of allowNo: while it runs, each negatable
  // boolean also appears as its own `--no-…` flag (in memory only, removed right after).
  const added = addNegations(config)
  try {
    await command.run(argv, config)
  } finally {
    for (const [flags, name] of added) delete flags[name]
  }
}

type FlagMap = Record<string, {name: string; type: string; allowNo?: boolean; description?: string}>

function addNegations(config: Config): Array<[FlagMap, string]> {
  const added: Array<[FlagMap, string]> = []
  for (const command of config.getPluginsList().flatMap((plugin) => plugin.commands)) {
    const flags = (command.flags ?? {}) as unknown as FlagMap
    for (const flag of Object.values(flags)) {
      const name = `no-${flag.name}`
      if (flag.type !== 'boolean' || !flag.allowNo || flags[name]) continue
      flags[name] = {name, type: 'boolean', description: `Turn off --${flag.name}.`}
      added.push([flags, name])
    }
  }

  return added
}
