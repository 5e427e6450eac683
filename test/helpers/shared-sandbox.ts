import {stopSharedSandbox} from '../../src/api/shared-sandbox.js'
import {defaultSandboxDir} from '../../src/sandbox/defaults.js'

/**
 * `--sandbox` leaves a background sandbox running per PIXVERSE_HOME (src/api/shared-sandbox.ts).
 * A suite that uses it calls `track(home)` for each home and gets them stopped in an after hook,
 * so no test leaves a process behind.
 */
export function useSharedSandboxCleanup(): (home: string) => string {
  const homes = new Set<string>()
  after(async function () {
    await Promise.all([...homes].map((home) => stopSharedSandbox(defaultSandboxDir(home))))
  })
  return (home) => {
    homes.add(home)
    return home
  }
}
