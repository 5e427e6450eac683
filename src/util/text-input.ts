import {existsSync, readFileSync, statSync} from 'node:fs'

import {validationError} from '../errors.js'

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
 * other value is the text itself (cli-spec §2 "Common input conventions").
 */
export async function resolveTextInput(value: string): Promise<string> {
  if (value === '-') return capped((await readStdin()).trim(), 'stdin')
  if (value.length < 4096 && existsSync(value) && statSync(value).isFile()) {
    if (statSync(value).size > MAX_TEXT_BYTES) throw tooLong(`the file ${value}`)
    return capped(readFileSync(value, 'utf8').trim(), `the file ${value}`)
  }

  return capped(value, 'the text given')
}

function capped(text: string, source: string): string {
  if (text.length > MAX_TEXT_CHARS) throw tooLong(source)
  return text
}

function tooLong(source: string) {
  return validationError(`The text from ${source} is longer than ${MAX_TEXT_CHARS} characters; nothing was sent`)
}

/** Stops reading (and refuses) as soon as the pipe holds more than any text may be. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  let bytes = 0
  for await (const chunk of process.stdin) {
    const buffer = Buffer.from(chunk)
    bytes += buffer.length
    if (bytes > MAX_TEXT_BYTES) {
      process.stdin.destroy()
      throw tooLong('stdin')
    }

    chunks.push(buffer)
  }

  return Buffer.concat(chunks).toString('utf8')
}
