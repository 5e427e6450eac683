import type {Hook} from '@oclif/core'
import {existsSync} from 'node:fs'
import {join} from 'node:path'

/**
 * After an update, rebuild the completion cache so new commands, flags and models complete.
 * Cheap: does nothing unless the user set completion up (the cache folder exists).
 * (plugin-autocomplete already refreshes after `plugins install`/`uninstall`.)
 */
const hook: Hook<'update'> = async function (options) {
  if (!existsSync(join(options.config.cacheDir, 'autocomplete'))) return
  await options.config.runCommand('autocomplete:create')
}

export default hook
