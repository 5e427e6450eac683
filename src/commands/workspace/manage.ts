import {AuthedCommand} from '../../base/authed-command.js'
import {openInBrowser} from '../../util/browser.js'

export default class WorkspaceManage extends AuthedCommand<typeof WorkspaceManage> {
  static description = `Open the team management page (members, seats, team plan).

Prints {success, url}; the browser opens only for a person at a terminal (never with --json or in CI).`

  static examples = ['<%= config.bin %> workspace manage', '<%= config.bin %> workspace manage --json']

  protected static autoSandboxLogin = false

  async run(): Promise<{success: true; url: string}> {
    const url = `${this.endpoint.webBase.replace(/\/+$/, '')}/team`
    if (this.ctx.canOpenBrowser()) openInBrowser(url)
    return {success: true, url}
  }

  protected renderHuman(result: unknown): string {
    return `Team management: ${(result as {url: string}).url}`
  }
}
