import {existsSync, readFileSync, rmSync} from 'node:fs'
import {join} from 'node:path'

import {ASSERTIONS_DIR, counting, mergeCounts} from './assertion-count.js'
import {ROOT} from './cli.js'
import {SANDBOX_DIRS_FILE} from './sandbox.js'
import {findLeaks, printSummary} from './secrets-check.js'
import {SUMMARY_DIR} from './summary.js'
import {TRANSCRIPT_DIR} from './transcript.js'

/**
 * Mocha's global fixtures (.mocharc.json "require"): they run once in mocha's main process around
 * the whole run, serial or `--parallel`, so the checks below cover every spec file whichever worker
 * ran it. (Root hooks would not: in parallel mode they run once per file, in each worker.)
 */
const VIOLATIONS = join(ROOT, 'test-output', 'network-violations.log')

/** Connections the loopback guard refused during this run (the log starts empty each run). */
function networkViolations(): string[] {
  return existsSync(VIOLATIONS) ? readFileSync(VIOLATIONS, 'utf8').split('\n').filter(Boolean) : []
}

/** Starts the run's records empty: what the checks read afterwards is this run's only. */
export function mochaGlobalSetup(): void {
  for (const path of [VIOLATIONS, ASSERTIONS_DIR, TRANSCRIPT_DIR, SANDBOX_DIRS_FILE, SUMMARY_DIR])
    rmSync(path, {force: true, recursive: true})
}

/** The run-wide checks: no secret in any output or request log, no connection off loopback. */
export function mochaGlobalTeardown(): void {
  printSummary()
  if (counting) {
    const {layers} = mergeCounts()
    const lines = Object.entries(layers).map(
      ([layer, n]) => `    ${layer}: ${n.tests} tests, ${n.assertions} assertions`,
    )
    process.stdout.write(`\n  Assertions (test-output/assertions.json):\n${lines.join('\n')}\n`)
  }

  const problems: string[] = []
  const {leaks} = findLeaks()
  if (leaks.length > 0) problems.push(`Secrets leaked into output or logs:\n${leaks.join('\n')}`)
  const violations = networkViolations()
  if (violations.length > 0) problems.push(`A test reached a non-loopback address:\n${violations.join('\n')}`)
  if (problems.length === 0) return
  // Mocha sets the exit code from the failed tests after this hook: a throw skips that, and the
  // exit code set here is what the run ends with (serial and parallel alike).
  process.stderr.write(`\n${problems.join('\n')}\n`)
  process.exitCode = 1
  throw new Error(problems.join('\n'))
}
