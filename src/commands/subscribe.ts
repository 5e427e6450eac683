import {AuthedCommand} from '../base/authed-command.js'
import {validationError} from '../errors.js'
import {openInBrowser} from '../util/browser.js'

export default class Subscribe extends AuthedCommand<typeof Subscribe> {
  static description = `Open the subscription page to upgrade your plan or buy credits.

Prints {success, url}; the browser opens only for a person at a terminal (never with --json or in CI). Team plans are managed with \`workspace manage\`.`

  static examples = ['<%= config.bin %> subscribe', '<%= config.bin %> subscribe --json']

  protected static autoSandboxLogin = false

  async run(): Promise<{success: true; url: string}> {
    const workspace = this.workspaceOverride ?? this.session.activeWorkspaceId
    if (workspace > 0) {
      throw validationError(
        'Subscriptions are personal: the active workspace is a team workspace',
        'Manage the team plan with `pixverse workspace manage`, or pass --workspace-id 0.',
      )
    }

    const url = `${this.endpoint.webBase.replace(/\/+$/, '')}/subscribe`
    if (this.ctx.canOpenBrowser()) openInBrowser(url)
    return {success: true, url}
  }

  protected renderHuman(result: unknown): string {
    return `Subscription page: ${(result as {url: string}).url}`
  }
}
