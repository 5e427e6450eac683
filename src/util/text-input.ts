import {readFileSync} from 'node:fs'

import {type FileAccessPolicy, commandLinePolicy, textInputFile} from './file-access.js'

/**
 * A text flag's value: `-` reads stdin, an existing file is replaced by its trimmed contents, any
 * other value is the text itself (cli-spec §2 "Common input conventions"). Which files may be read
 * is the policy's decision (see file-access.ts); `note` is told which file was read and its size.
 */
export async function resolveTextInput(
  value: string,
  options: {policy?: FileAccessPolicy; label?: string; note?: (message: string) => void} = {},
): Promise<string> {
  if (value === '-') return (await readStdin()).trim()
  const label = options.label ?? 'text input'
  const file = textInputFile(options.policy ?? commandLinePolicy(), value, label)
  if (file === undefined) return value
  const bytes = readFileSync(file)
  options.note?.(`Read ${bytes.length} bytes of text from ${file}`)
  return bytes.toString('utf8').trim()
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk))
  return Buffer.concat(chunks).toString('utf8')
}
