import {mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {ROOT} from './cli.js'

/**
 * The reliability figures of the suite (faults injected, creations, jobs lost, double charges, bad
 * inputs and the requests they sent). Each test writes its own section into its own JSON file (tests
 * in parallel workers never rewrite each other's); the run's global teardown prints them all.
 */
export const SUMMARY_DIR = join(ROOT, 'test-output', 'reliability-summary')

export function readSummary(): Record<string, Record<string, unknown>> {
  let names: string[] = []
  try {
    names = readdirSync(SUMMARY_DIR).sort()
  } catch {
    return {}
  }

  return Object.fromEntries(
    names.map((name) => {
      const {section, figures} = JSON.parse(readFileSync(join(SUMMARY_DIR, name), 'utf8')) as {
        section: string
        figures: Record<string, unknown>
      }
      return [section, figures]
    }),
  )
}

export function recordSummary(section: string, figures: Record<string, unknown>): void {
  mkdirSync(SUMMARY_DIR, {recursive: true})
  const file = join(SUMMARY_DIR, `${section.replaceAll(/[^a-z0-9]+/gi, '-')}.json`)
  const document = {section, figures: {...figures, recorded_at: new Date().toISOString()}}
  writeFileSync(file, JSON.stringify(document, null, 2) + '\n')
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
