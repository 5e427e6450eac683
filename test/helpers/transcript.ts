import {appendFileSync, mkdirSync, readdirSync, readFileSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'

/**
 * Everything the CLI printed during the suite is appended here, so a test can prove that no secret
 * ever reached any output (see zz-secrets.test.ts). One file per mocha process: parallel workers
 * never write into each other's.
 */
export const TRANSCRIPT_DIR = join(
  resolve(dirname(fileURLToPath(import.meta.url)), '../..'),
  'test-output',
  'cli-transcripts',
)

export function recordOutput(args: string[], stdout: string, stderr: string): void {
  mkdirSync(TRANSCRIPT_DIR, {recursive: true})
  appendFileSync(join(TRANSCRIPT_DIR, `${process.pid}.log`), `$ pixverse ${args.join(' ')}\n${stdout}${stderr}\n`)
}

/** Every transcript of the run, each as [file, text]. */
export function readTranscripts(): Array<readonly [string, string]> {
  let names: string[] = []
  try {
    names = readdirSync(TRANSCRIPT_DIR)
  } catch {
    // nothing recorded yet
  }

  return names.map((name) => [join(TRANSCRIPT_DIR, name), readFileSync(join(TRANSCRIPT_DIR, name), 'utf8')] as const)
}
