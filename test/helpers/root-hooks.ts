import {findLeaks, printSummary} from './secrets-check.js'

// Loaded by .mocharc.json ("require"), so a full `npx mocha` run ends with the leak check and the
// reliability summary whatever order the spec files were loaded in.
process.env.PIXVERSE_ROOT_HOOKS = '1'

export const mochaHooks = {
  afterAll(): void {
    printSummary()
    const {leaks} = findLeaks()
    if (leaks.length > 0) throw new Error(`Secrets leaked into output or logs:\n${leaks.join('\n')}`)
  },
}
