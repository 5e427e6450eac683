import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

/**
 * Fresh oclif data/cache/config dirs (PIXVERSE_DATA_DIR etc. are what oclif reads for the bin
 * `pixverse`), so `plugins link` and the completion cache never touch the real user's.
 */
export function isolatedOclifDirs(): Record<string, string> {
  const root = mkdtempSync(join(tmpdir(), 'pixverse-oclif-'))
  return {
    PIXVERSE_DATA_DIR: join(root, 'data'),
    PIXVERSE_CACHE_DIR: join(root, 'cache'),
    PIXVERSE_CONFIG_DIR: join(root, 'config'),
  }
}
