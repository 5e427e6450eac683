/**
 * A person is there to answer: stdin and stdout are terminals, not JSON mode, not CI. Anything else
 * (an agent, a pipe, a CI job) must never wait for input: it gets an error naming the flags instead.
 */
export function canPrompt(json: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  if (json) return false
  if (env.CI !== undefined && env.CI !== '' && env.CI !== '0' && env.CI.toLowerCase() !== 'false') return false
  return Boolean(process.stdin.isTTY && process.stdout.isTTY)
}
