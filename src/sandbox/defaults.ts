import path from 'node:path'

/** Where `sandbox serve` and the shared `--sandbox` sandbox keep their state by default. */
export function defaultSandboxDir(home: string): string {
  return path.join(home, 'sandbox')
}
