import {expect} from 'chai'
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'

import {SANDBOX_DIRS_FILE} from '../helpers/sandbox.js'
import {SUMMARY_FILE, summaryLines} from '../helpers/summary.js'
import {TRANSCRIPT} from '../helpers/transcript.js'

/**
 * Runs last (named to sort last in test/e2e, which mocha loads last): everything the CLI printed
 * during the suite is in the transcript, and every token and access key any sandbox issued is in
 * its state file. None of them may appear in any output, nor in any sandbox request log.
 */
describe('zz: no secret reached any output (runs last)', function () {
  function issuedSecrets(): {secrets: string[]; dirs: string[]} {
    const dirs = existsSync(SANDBOX_DIRS_FILE) ? [...new Set(readFileSync(SANDBOX_DIRS_FILE, 'utf8').split('\n').filter(Boolean))] : []
    const secrets = new Set<string>()
    for (const dir of dirs) {
      const file = join(dir, 'state.json')
      if (!existsSync(file)) continue
      const state = JSON.parse(readFileSync(file, 'utf8')) as {tokens?: Record<string, unknown>; accessKeys?: Record<string, unknown>}
      for (const secret of [...Object.keys(state.tokens ?? {}), ...Object.keys(state.accessKeys ?? {})]) secrets.add(secret)
    }

    return {secrets: [...secrets], dirs}
  }

  it('no issued token or access key appears in the CLI transcript or the sandbox request logs', function () {
    const {secrets, dirs} = issuedSecrets()
    if (secrets.length === 0) this.skip() // run alone: no other test issued a token
    const transcript = existsSync(TRANSCRIPT) ? readFileSync(TRANSCRIPT, 'utf8') : ''
    expect(transcript.length, 'the transcript recorded the suite').to.be.greaterThan(0)
    const leaks: string[] = []
    for (const secret of secrets) {
      if (transcript.includes(secret)) leaks.push(`transcript holds ${secret.slice(0, 6)}…`)
      for (const dir of dirs) {
        const log = join(dir, 'requests.jsonl')
        if (existsSync(log) && readFileSync(log, 'utf8').includes(secret)) leaks.push(`${log} holds ${secret.slice(0, 6)}…`)
      }
    }

    expect(leaks, leaks.join('\n')).to.deep.equal([])
  })

  after(function () {
    const lines = summaryLines()
    if (lines.length === 0) return
    process.stdout.write(`\n  Reliability summary (${SUMMARY_FILE}):\n${lines.map((line) => `    ${line}`).join('\n')}\n`)
  })
})
