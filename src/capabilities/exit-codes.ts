import {ExitCode} from '../errors.js'

/** What each exit code means and what an agent should do (docs/cli.md §3). Typed so a new code needs a meaning. */
const MEANINGS: Record<keyof typeof ExitCode, {meaning: string; recovery: string}> = {
  Success: {meaning: 'success', recovery: ''},
  General: {
    meaning: 'general or unexpected error (network failure, unknown API error, workspace fallback)',
    recovery: 'read the error on stderr',
  },
  Timeout: {
    meaning: 'polling timed out; the error carries the task ids',
    recovery: 'raise --timeout, or resume with `task wait <id>`',
  },
  Auth: {meaning: 'not logged in, or the token is invalid or expired', recovery: 'run `auth login`'},
  Credits: {
    meaning: 'not enough credits or a subscription limit',
    recovery: 'check `account info`, wait for the reset or upgrade',
  },
  GenerationFailed: {
    meaning: 'generation failed or was not approved; also a partial failure of a --count batch',
    recovery: 'change the prompt or parameters',
  },
  Validation: {
    meaning: 'invalid input, caught before any request (usage errors, an unknown command, a topic without a command)',
    recovery: 'fix the flags or the command named in the error',
  },
  ConcurrencyLimit: {
    meaning: 'too many generations running at once',
    recovery: 'check `account slots`, back off, retry with the same --idempotency-key',
  },
  Interrupted: {
    meaning: 'interrupted (SIGINT, Ctrl-C); the error names the ids or the idempotency key of anything submitted',
    recovery: 'resume with `task wait <id>`, or rerun with the same --idempotency-key (not charged again)',
  },
  Terminated: {
    meaning: 'terminated (SIGTERM: timeout(1), CI cancellation, docker stop); the same details as Interrupted',
    recovery: 'resume with `task wait <id>`, or rerun with the same --idempotency-key (not charged again)',
  },
}

export function exitCodes(): Array<{code: number; name: string; meaning: string; recovery?: string}> {
  return (Object.keys(ExitCode) as Array<keyof typeof ExitCode>).map((name) => ({
    code: ExitCode[name],
    name: name.replaceAll(/([a-z])([A-Z])/g, '$1_$2').toUpperCase(),
    meaning: MEANINGS[name].meaning,
    ...(MEANINGS[name].recovery ? {recovery: MEANINGS[name].recovery} : {}),
  }))
}
