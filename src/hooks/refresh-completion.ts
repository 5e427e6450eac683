import type {Config} from '@oclif/core'
import {existsSync} from 'node:fs'
import {join} from 'node:path'

/** Commands after which the set of commands may have changed without a `plugins:post*` event. */
const CHANGES_COMMANDS = new Set(['plugins:link', 'plugins:update', 'plugins:reset'])

/**
 * Rebuilds the completion cache so new commands, flags and models complete: after an update
 * (`update` event) and after `plugins link|update|reset`, which fire no event of their own
 * (plugin-autocomplete already handles `plugins install`/`uninstall`/`unlink`).
 *
 * Cheap, because `postrun` runs after every command: one Set lookup, then nothing unless the user
 * set completion up (the cache folder exists).
 */
const hook = async function (options: {config: Config; Command?: {id?: string}}): Promise<void> {
  if (options.Command && !CHANGES_COMMANDS.has(options.Command.id ?? '')) return
  if (!existsSync(join(options.config.cacheDir, 'autocomplete'))) return
  // The running config was loaded before the link: load it again to see the new plugin set.
  const {Config} = await import('@oclif/core')
  const fresh = await Config.load(options.config.root)
  await fresh.runCommand('autocomplete:create')
}

export default hook
