import {countTest, saveCounts} from './assertion-count.js'

// Loaded by .mocharc.json ("require"). The run-wide checks (secrets, network) are global fixtures
// (global-fixtures.ts); these hooks run in every mocha process, a parallel worker too, and count
// the assertions each spec file makes when PIXVERSE_COUNT_ASSERTIONS=1.
process.env.PIXVERSE_ROOT_HOOKS = '1'

export const mochaHooks = {
  beforeEach(this: Mocha.Context): void {
    countTest(this.currentTest?.file)
  },

  afterAll(): void {
    saveCounts()
  },
}
