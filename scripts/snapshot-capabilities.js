#!/usr/bin/env node
// Regenerates capabilities.snapshot.json from the BUILT CLI (`npm run snapshot` builds first).
// Runs with empty oclif data/cache dirs so plugins the developer installed never leak into it.
import {execFileSync} from 'node:child_process'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const scratch = mkdtempSync(join(tmpdir(), 'pixverse-snapshot-'))
const stdout = execFileSync(process.execPath, [join(root, 'bin/run.js'), 'capabilities', '--json'], {
  env: {
    PATH: process.env.PATH,
    HOME: scratch,
    PIXVERSE_HOME: join(scratch, 'home'),
    PIXVERSE_DATA_DIR: join(scratch, 'data'),
    PIXVERSE_CACHE_DIR: join(scratch, 'cache'),
    PIXVERSE_CONFIG_DIR: join(scratch, 'config'),
  },
  encoding: 'utf8',
})
const doc = JSON.parse(stdout)
delete doc.version // a release bump is not an interface change
writeFileSync(join(root, 'capabilities.snapshot.json'), JSON.stringify(doc, null, 2) + '\n')
console.error(`capabilities.snapshot.json: ${doc.commands.length} commands`)
