import {expect} from 'chai'

import type {CliResult} from './cli.js'

/**
 * The --json contract of docs/cli.md §2/§3: stdout is empty or exactly one JSON document; on failure
 * stderr carries exactly one JSON error object whose exit_code is the process's exit code.
 */
export function expectJsonContract(result: CliResult, exitCode: number, label: string): void {
  const context = `${label}\n--- stdout ---\n${result.stdout}\n--- stderr ---\n${result.stderr}`
  expect(result.exitCode, `exit code of ${context}`).to.equal(exitCode)
  if (result.stdout.trim() !== '') {
    let parsed: unknown
    expect(
      () => (parsed = JSON.parse(result.stdout)),
      `stdout is not exactly one JSON document: ${context}`,
    ).not.to.throw()
    expect(parsed, `stdout holds a JSON value: ${context}`).not.to.equal(undefined)
  }

  const errorLines = result.stderr.split('\n').filter((line) => {
    try {
      const value = JSON.parse(line) as Record<string, unknown>
      return value !== null && typeof value === 'object' && 'error' in value
    } catch {
      return false
    }
  })
  if (exitCode === 0) {
    expect(errorLines, `no JSON error on a success: ${context}`).to.deep.equal([])
    return
  }

  expect(errorLines, `exactly one JSON error object on stderr: ${context}`).to.have.length(1)
  const error = JSON.parse(errorLines[0]) as Record<string, unknown>
  expect(error.error, `error message: ${context}`).to.be.a('string').and.not.equal('')
  expect(error.exit_code, `exit_code field: ${context}`).to.equal(exitCode)
}
