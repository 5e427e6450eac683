// Records every module the process loads into $IMPORT_SPY_FILE: ESM resolutions through a loader
// hook, CommonJS modules from the require cache at exit. Proves that fast paths (--help, --version,
// a create) never load heavy dependencies.
import {appendFileSync} from 'node:fs'
import {createRequire, register} from 'node:module'
import {pathToFileURL} from 'node:url'

register('./import-spy-hooks.mjs', import.meta.url)
const require = createRequire(import.meta.url)
process.on('exit', () => {
  if (!process.env.IMPORT_SPY_FILE) return
  const loaded = Object.keys(require.cache).map((file) => pathToFileURL(file).href)
  appendFileSync(process.env.IMPORT_SPY_FILE, loaded.join('\n') + '\n')
})
