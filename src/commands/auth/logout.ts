import * as Flags from '@oclif/core/flags'

import {BaseCommand} from '../../base/base-command.js'

export default class AuthLogout extends BaseCommand<typeof AuthLogout> {
  static description = 'Remove the stored token (local only: nothing is sent to the service).'

  static examples = ['<%= config.bin %> auth logout --json']

  static flags = {
    sandbox: Flags.boolean({description: 'Remove the sandbox session instead of the real one.', helpGroup: 'GLOBAL'}),
  }

  async run(): Promise<{success: true; message: string}> {
    const {session} = this.ctx.stores({sandbox: this.flags.sandbox})
    this.hadToken = Boolean(session.token)
    session.update({token: undefined, tokenApiBase: undefined, activeWorkspaceId: 0})
    return {success: true, message: 'Token removed'}
  }

  /** Whether there was a session to remove (the JSON result is the same either way, as the reference client's). */
  private hadToken = false

  protected renderHuman(): string {
    const sandbox = this.flags.sandbox ? ' --sandbox' : ''
    const what = this.flags.sandbox ? 'the sandbox session' : 'the stored token'
    const head = this.hadToken ? `Logged out: ${what} was removed.` : `Not logged in (no ${what.slice(4)} to remove).`
    return `${head}\nLog in: ${this.config.bin} auth login${sandbox}`
  }
}
