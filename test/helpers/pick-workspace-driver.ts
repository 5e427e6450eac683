/**
 * Runs `pickWorkspace()` at a real terminal for test/e2e/wizard.test.ts (the `workspace switch`
 * command that will call it is written elsewhere): prints the chosen id, or exits with the CLI's code.
 */
import {processStreams} from '../../src/context/streams.js'
import {pickWorkspace} from '../../src/wizard/pick-workspace.js'

try {
  const id = await pickWorkspace(
    [
      {workspace_id: 0, name: 'Personal'},
      {workspace_id: 7, name: 'Studio A', role: 'owner'},
      {workspace_id: 9, name: 'Studio B', role: 'member'},
    ],
    processStreams(),
  )
  process.stdout.write(`picked ${id}\n`)
} catch (error) {
  process.stderr.write(`error ${(error as Error).message}\n`)
  process.exitCode = (error as {exitCode?: number}).exitCode ?? 1
}
