import {existsSync, readFileSync, rmSync} from 'node:fs'
import {join} from 'node:path'

import {ROOT} from './cli.js'
import {findLeaks, printSummary} from './secrets-check.js'

const VIOLATIONS = join(ROOT, 'test-output', 'network-violations.log')

/** Connections the loopback guard refused during this run (the log starts empty each run). */
function networkViolations(): string[] {
  return existsSync(VIOLATIONS) ? readFileSync(VIOLATIONS, 'utf8').split('\n').filter(Boolean) : []
}

// Loaded by .mocharc.json ("require"), so a full `npx mocha` run ends with the leak check and the
// reliability summary whatever order the spec files were loaded in.
process.env.PIXVERSE_ROOT_HOOKS = '1'

export const mochaHooks = {
  beforeAll(): void {
    rmSync(VIOLATIONS, {force: true})
  },

  afterAll(): void {
    printSummary()
    const {leaks} = findLeaks()
    if (leaks.length > 0) throw new Error(`Secrets leaked into output or logs:\n${leaks.join('\n')}`)
    const violations = networkViolations()
    if (violations.length > 0) throw new Error(`A test reached a non-loopback address:\n${violations.join('\n')}`)
  },
}
