import path from 'node:path'

/** Where `sandbox serve` and in-process sandboxes keep their shared state by default. */
export function defaultSandboxDir(home: string): string {
  return path.join(home, 'sandbox')
}
