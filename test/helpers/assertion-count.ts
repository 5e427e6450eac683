import * as chai from 'chai'
import {mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join, relative} from 'node:path'

import {ROOT} from './cli.js'

/**
 * With PIXVERSE_COUNT_ASSERTIONS=1, counts the chai assertions each spec file makes (every
 * `Assertion.prototype.assert` call: one per `expect(…).to…` check, `expect.fail` included) and the
 * tests it ran, so moving a case between layers can be shown to keep what it proves. Each mocha
 * process (a parallel worker too) writes its own file under test-output/assertions/; `merged()` adds
 * them up into test-output/assertions.json.
 */
export const ASSERTIONS_DIR = join(ROOT, 'test-output', 'assertions')
export const ASSERTIONS_FILE = join(ROOT, 'test-output', 'assertions.json')
export const counting = process.env.PIXVERSE_COUNT_ASSERTIONS === '1'

interface FileCount {
  assertions: number
  tests: number
}

const perFile: Record<string, FileCount> = {}
let currentFile: string | undefined

const SPEC_FRAME = /\/test\/((?:unit|sandbox|int|e2e)\/[^:)]+\.test\.ts)/

/**
 * The spec file an assertion belongs to: the one on its stack (so an assertion in a file's `before`
 * hook counts for that file, not for the test that ran last), else the file of the running test.
 */
function specFile(): string | undefined {
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 100
  const stack = new Error('where').stack ?? ''
  Error.stackTraceLimit = limit
  return SPEC_FRAME.exec(stack)?.[1] ?? currentFile
}

if (counting) {
  chai.use((lib) => {
    const assert = lib.Assertion.prototype.assert
    lib.Assertion.prototype.assert = function (...args: Parameters<typeof assert>) {
      const file = specFile()
      if (file) (perFile[file] ??= {assertions: 0, tests: 0}).assertions++
      return assert.apply(this, args)
    }
  })
}

/** Called before each test (root hook): later assertions count for this test's file. */
export function countTest(file: string | undefined): void {
  if (!counting || !file) return
  currentFile = relative(join(ROOT, 'test'), file)
  perFile[currentFile] ??= {assertions: 0, tests: 0}
  perFile[currentFile].tests++
}

/** Writes this process's counts so far (root afterAll hook; in parallel mode, after each file). */
export function saveCounts(): void {
  if (!counting) return
  mkdirSync(ASSERTIONS_DIR, {recursive: true})
  writeFileSync(join(ASSERTIONS_DIR, `${process.pid}.json`), JSON.stringify(perFile, null, 2) + '\n')
}

/** Every process's counts of the run, per file and per layer (the folder under test/). */
export function mergeCounts(): {files: Record<string, FileCount>; layers: Record<string, FileCount>} {
  const files: Record<string, FileCount> = {}
  let names: string[] = []
  try {
    names = readdirSync(ASSERTIONS_DIR)
  } catch {
    // nothing counted
  }

  for (const name of names) {
    const counts = JSON.parse(readFileSync(join(ASSERTIONS_DIR, name), 'utf8')) as Record<string, FileCount>
    for (const [file, count] of Object.entries(counts)) {
      files[file] ??= {assertions: 0, tests: 0}
      files[file].assertions += count.assertions
      files[file].tests += count.tests
    }
  }

  const layers: Record<string, FileCount> = {}
  for (const [file, count] of Object.entries(files)) {
    const layer = file.split('/')[0]
    layers[layer] ??= {assertions: 0, tests: 0}
    layers[layer].assertions += count.assertions
    layers[layer].tests += count.tests
  }

  const sorted = Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)))
  writeFileSync(ASSERTIONS_FILE, JSON.stringify({layers, files: sorted}, null, 2) + '\n')
  return {files: sorted, layers}
}
