import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'

import {ROOT} from './cli.js'

/**
 * The reliability figures of the suite (faults injected, creations, jobs lost, double charges, bad
 * inputs and the requests they sent). Each test merges its own section into one JSON file; the last
 * test file (zz-secrets) prints it at the end of the run.
 */
export const SUMMARY_FILE = join(ROOT, 'test-output', 'reliability-summary.json')

export function readSummary(): Record<string, Record<string, unknown>> {
  try {
    return JSON.parse(readFileSync(SUMMARY_FILE, 'utf8')) as Record<string, Record<string, unknown>>
  } catch {
    return {}
  }
}

export function recordSummary(section: string, figures: Record<string, unknown>): void {
  const summary = readSummary()
  summary[section] = {...figures, recorded_at: new Date().toISOString()}
  mkdirSync(dirname(SUMMARY_FILE), {recursive: true})
  writeFileSync(SUMMARY_FILE, JSON.stringify(summary, null, 2) + '\n')
}

/** One line per section, e.g. "reliability batch: faults_injected=212 creations=52 jobs_lost=0 …". */
export function summaryLines(): string[] {
  return Object.entries(readSummary()).map(([section, figures]) => {
    const fields = Object.entries(figures)
      .filter(([key, value]) => key !== 'recorded_at' && typeof value !== 'object')
      .map(([key, value]) => `${key}=${String(value)}`)
    return `${section}: ${fields.join(' ')}`
  })
}
