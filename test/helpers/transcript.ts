import {appendFileSync, mkdirSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'

/**
 * Everything the CLI printed during the suite is appended here, so a test can prove that no secret
 * ever reached any output (see secrets.test.ts).
 */
export const TRANSCRIPT = join(
  resolve(dirname(fileURLToPath(import.meta.url)), '../..'),
  'test-output',
  'cli-transcript.log',
)

export function recordOutput(args: string[], stdout: string, stderr: string): void {
  mkdirSync(dirname(TRANSCRIPT), {recursive: true})
  appendFileSync(TRANSCRIPT, `$ pixverse ${args.join(' ')}\n${stdout}${stderr}\n`)
}
