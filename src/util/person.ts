/**
 * The one definition of "a person is here" (DESIGN principle 5): every prompt, browser, live display,
 * pager and suggestion asks this module, so a setting such as `CI=false` means the same thing
 * everywhere. Commands ask through their context (`this.ctx.canPrompt()`, src/context/), which
 * passes its own streams and environment: nothing here reads the process's.
 */

/** The ends of the process that matter: each is a terminal or not. */
export interface Streams {
  stdin: {isTTY?: boolean}
  stdout: {isTTY?: boolean}
  stderr: {isTTY?: boolean}
}

/** What the invocation asked for: JSON mode never talks to a person. */
export interface PersonFlags {
  json: boolean
}

/** A CI job: `CI` set to anything but empty, `0` or `false` (`CI=false` is how people turn it off). */
export function inCI(env: NodeJS.ProcessEnv): boolean {
  const value = env.CI?.trim().toLowerCase()
  return value !== undefined && value !== '' && value !== '0' && value !== 'false'
}

/**
 * A person is there to answer: stdin and stdout are terminals, not JSON mode, not CI. Anything else
 * (an agent, a pipe, a CI job) must never wait for input: it gets an error naming the flags instead.
 */
export function canPrompt(streams: Streams, flags: PersonFlags, env: NodeJS.ProcessEnv): boolean {
  return !flags.json && !inCI(env) && Boolean(streams.stdin.isTTY) && Boolean(streams.stdout.isTTY)
}

/** A browser may be opened for whoever could also be asked a question: the same person. */
export function canOpenBrowser(streams: Streams, flags: PersonFlags, env: NodeJS.ProcessEnv): boolean {
  return canPrompt(streams, flags, env)
}

/**
 * A live, redrawn display on stderr: not JSON mode and stderr is a terminal. Someone watches it even
 * when stdout is piped (`create … > result.txt`), so stdin and stdout do not matter here.
 */
export function canAnimate(streams: Pick<Streams, 'stderr'>, flags: PersonFlags): boolean {
  return !flags.json && Boolean(streams.stderr.isTTY)
}
