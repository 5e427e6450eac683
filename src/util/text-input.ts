import {readFileSync, statSync} from 'node:fs'

import type {InputStream} from '../context/streams.js'
import {validationError} from '../errors.js'
import {type FileAccessPolicy, commandLinePolicy, textInputFile} from './file-access.js'

/**
 * The longest text any creation takes. The catalogue holds each model's own limit where it has one
 * (voice text, music prompts and lyrics); this only stops a runaway input (a 21 MB prompt, a 600 MB
 * pipe) before it is read whole, sent or paid for.
 */
export const MAX_TEXT_CHARS = 100_000
/** A character is at most 4 bytes of UTF-8: more bytes than this can never fit. */
const MAX_TEXT_BYTES = MAX_TEXT_CHARS * 4

/**
 * A text flag's value: `-` reads stdin, an existing file is replaced by its trimmed contents, any
 * other value is the text itself (docs/cli.md §2 "Common input conventions"). Which files may be read
 * is the policy's decision (see file-access.ts); `note` is told which file was read and its size.
 * `stdin` is the command's (its context's); callers that never read stdin leave it out.
 */
export async function resolveTextInput(
  value: string,
  options: {policy?: FileAccessPolicy; label?: string; note?: (message: string) => void; stdin?: InputStream} = {},
): Promise<string> {
  if (value === '-') return capped((await readStdin(options.stdin ?? process.stdin)).trim(), 'stdin')
  const label = options.label ?? 'text input'
  const file = textInputFile(options.policy ?? commandLinePolicy(), value, label)
  if (file === undefined) return capped(value, 'the text given')
  if (statSync(file).size > MAX_TEXT_BYTES) throw tooLong(`the file ${file}`)
  const bytes = readFileSync(file)
  options.note?.(`Read ${bytes.length} bytes of text from ${file}`)
  return capped(bytes.toString('utf8').trim(), `the file ${file}`)
}

function capped(text: string, source: string): string {
  if (text.length > MAX_TEXT_CHARS) throw tooLong(source)
  return text
}

function tooLong(source: string) {
  return validationError(`The text from ${source} is longer than ${MAX_TEXT_CHARS} characters; nothing was sent`)
}

/** Stops reading (and refuses) as soon as the pipe holds more than any text may be. */
async function readStdin(stdin: InputStream): Promise<string> {
  const chunks: Buffer[] = []
  let bytes = 0
  for await (const chunk of stdin) {
    const buffer = Buffer.from(chunk)
    bytes += buffer.length
    if (bytes > MAX_TEXT_BYTES) {
      stdin.destroy?.()
      throw tooLong('stdin')
    }

    chunks.push(buffer)
  }

  return Buffer.concat(chunks).toString('utf8')
}
