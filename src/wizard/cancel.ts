import {CliError, ExitCode} from '../errors.js'

/** Ctrl-C (or "no" at the confirmation) inside a prompt: exit 130, nothing was sent. */
export function cancelled(): CliError {
  return new CliError('Cancelled; nothing was submitted', {exitCode: ExitCode.Interrupted})
}

/** Runs one inquirer prompt and turns its Ctrl-C error (recognised by name) into `cancelled()`. */
export async function asking<T>(prompt: () => Promise<T>): Promise<T> {
  try {
    return await prompt()
  } catch (error) {
    const name = (error as {name?: string})?.name
    if (name === 'ExitPromptError' || name === 'AbortPromptError' || name === 'CancelPromptError') throw cancelled()
    throw error
  }
}
