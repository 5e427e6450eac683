import {existsSync, readFileSync, statSync} from 'node:fs'

/**
 * A text flag's value: `-` reads stdin, an existing file is replaced by its trimmed contents, any
 * other value is the text itself (cli-spec §2 "Common input conventions").
 */
export async function resolveTextInput(value: string): Promise<string> {
  if (value === '-') return (await readStdin()).trim()
  if (value.length < 4096 && existsSync(value) && statSync(value).isFile()) return readFileSync(value, 'utf8').trim()
  return value
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk))
  return Buffer.concat(chunks).toString('utf8')
}
