import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'

import {SANDBOX_DIRS_FILE} from './sandbox.js'
import {SUMMARY_DIR, summaryLines} from './summary.js'
import {readTranscripts} from './transcript.js'

/** Every token and access key that any sandbox of the run issued (read from their state files). */
export function issuedSecrets(): {secrets: string[]; dirs: string[]} {
  const dirs = existsSync(SANDBOX_DIRS_FILE)
    ? [...new Set(readFileSync(SANDBOX_DIRS_FILE, 'utf8').split('\n').filter(Boolean))]
    : []
  const secrets = new Set<string>()
  for (const dir of dirs) {
    const file = join(dir, 'state.json')
    if (!existsSync(file)) continue
    const state = JSON.parse(readFileSync(file, 'utf8')) as {
      tokens?: Record<string, unknown>
      accessKeys?: Record<string, unknown>
    }
    for (const secret of [...Object.keys(state.tokens ?? {}), ...Object.keys(state.accessKeys ?? {})])
      secrets.add(secret)
  }

  return {secrets: [...secrets], dirs}
}

/** Where an issued secret shows up: the CLI transcripts or a sandbox request log (never, we hope). */
export function findLeaks(): {leaks: string[]; secrets: number; transcriptBytes: number} {
  const {secrets, dirs} = issuedSecrets()
  const transcripts = readTranscripts()
  const logs = dirs
    .map((dir) => join(dir, 'requests.jsonl'))
    .filter((log) => existsSync(log))
    .map((log) => [log, readFileSync(log, 'utf8')] as const)
  const leaks: string[] = []
  for (const secret of secrets) {
    for (const [file, text] of transcripts)
      if (text.includes(secret)) leaks.push(`${file} holds ${secret.slice(0, 6)}…`)
    for (const [log, text] of logs) if (text.includes(secret)) leaks.push(`${log} holds ${secret.slice(0, 6)}…`)
  }

  return {leaks, secrets: secrets.length, transcriptBytes: transcripts.reduce((sum, [, text]) => sum + text.length, 0)}
}

export function printSummary(): void {
  const lines = summaryLines()
  if (lines.length === 0) return
  process.stdout.write(`\n  Reliability summary (${SUMMARY_DIR}):\n${lines.map((line) => `    ${line}`).join('\n')}\n`)
}
