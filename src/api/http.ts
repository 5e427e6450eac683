import type {Got} from 'got'

// The build bundles got into one file (scripts/bundle-got.js): ~40 ms less on every command that
// makes a request. From sources (tests, bin/dev.js) that file does not exist and got itself loads.
const BUNDLED_GOT = new URL('../vendor/got.js', import.meta.url).href

let loading: Promise<Got> | undefined

/** got, imported on the first request only, so `--help` and `--version` never load it. */
export function loadGot(): Promise<Got> {
  loading ??= (import(BUNDLED_GOT) as Promise<typeof import('got')>)
    .catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ERR_MODULE_NOT_FOUND') throw error
      return import('got')
    })
    .then((module) => module.got)
  return loading
}
