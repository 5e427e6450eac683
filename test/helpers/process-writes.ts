import {expect} from 'chai'

/**
 * Runs `work` with the process's stdout and stderr recording instead of writing, and fails if anything
 * was written there: a command handed a context must draw on the streams it was given.
 */
export async function withoutProcessWrites<T>(work: () => Promise<T>): Promise<T> {
  const writes = {stdout: process.stdout.write, stderr: process.stderr.write}
  const seen: string[] = []
  for (const name of ['stdout', 'stderr'] as const)
    process[name].write = ((chunk: string | Uint8Array) => {
      seen.push(`${name}: ${String(chunk)}`)
      return true
    }) as typeof process.stdout.write
  try {
    return await work()
  } finally {
    process.stdout.write = writes.stdout
    process.stderr.write = writes.stderr
    expect(seen, 'writes to the process streams').to.deep.equal([])
  }
}
