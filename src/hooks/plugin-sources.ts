import type {Hook} from '@oclif/core'

/**
 * Two fixes around @oclif/plugin-plugins, cheap on every other command (one id comparison):
 * - prerun of `plugins install`: a local folder (`/abs/path`, `./dir`, `~/dir`) went to GitHub as
 *   `owner/repo`; it is rewritten to npm's `file:` form in place, before the command parses argv.
 * - postrun of `plugins link`: the link succeeded even when the plugin's commands cannot load (a
 *   missing dependency, a syntax error); each command is loaded once and a failure exits 1.
 */
export const localInstallPath: Hook<'prerun'> = async function ({Command, argv}) {
  if (Command.id !== 'plugins:install') return
  const {existsSync} = await import('node:fs')
  const {homedir} = await import('node:os')
  const {resolve} = await import('node:path')
  for (const [i, arg] of argv.entries()) {
    if (arg.startsWith('-') || arg.startsWith('file:')) continue
    const path = arg.startsWith('~/') ? resolve(homedir(), arg.slice(2)) : resolve(arg)
    const looksLocal = /^(\/|\.{1,2}\/|~\/)/.test(arg) || arg === '.' || arg === '..'
    if (looksLocal && existsSync(path)) argv[i] = `file:${path}`
  }
}

export const checkLinkedPlugin: Hook<'postrun'> = async function ({Command, argv}) {
  if (Command.id !== 'plugins:link') return
  const folder = argv.find((arg) => !arg.startsWith('-'))
  if (!folder) return
  const {Config} = await import('@oclif/core')
  const {resolve} = await import('node:path')
  // oclif reports a command that fails to import as a process warning (and drops the command), both
  // while it builds the plugin's command list and on load: collect those warnings instead of printing them.
  const broken: string[] = []
  const emitWarning = process.emitWarning
  process.emitWarning = ((...args: unknown[]) => {
    const error = args.find((arg): arg is Error => arg instanceof Error)
    broken.push((error?.message ?? String(args[0])).split('\n')[0])
  }) as typeof process.emitWarning
  let name = folder
  try {
    const plugin = await Config.load(resolve(folder))
    name = plugin.name
    for (const command of plugin.commands) {
      const loaded = await command.load().catch((error: Error) => {
        broken.push(`${command.id.replaceAll(':', ' ')}: ${error.message.split('\n')[0]}`)
      })
      if (loaded && typeof loaded.run !== 'function')
        broken.push(`${command.id.replaceAll(':', ' ')}: not a command class`)
    }
  } finally {
    process.emitWarning = emitWarning
  }

  if (broken.length > 0) {
    broken.splice(0, broken.length, ...new Set(broken))
    this.error(
      `The plugin was linked but its commands cannot load:\n  ${broken.join('\n  ')}\nFix it (install its dependencies: npm install in ${folder}) or remove it: ${this.config.bin} plugins unlink ${name}`,
      {exit: 1},
    )
  }
}
