/** A person is at the terminal: human mode, both ends are TTYs, not CI (DESIGN principle 5). */
export function personAtTerminal(json: boolean): boolean {
  return !json && Boolean(process.stdin.isTTY) && Boolean(process.stdout.isTTY) && !process.env.CI
}
