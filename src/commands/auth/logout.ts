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
    session.update({token: undefined, tokenApiBase: undefined, activeWorkspaceId: 0})
    return {success: true, message: 'Token removed'}
  }
}
