import {pollDeviceToken, requestDeviceCode} from '../../api/device-login.js'
import {AuthedCommand} from '../../base/authed-command.js'
import {openInBrowser} from '../../util/browser.js'

export interface LoginResult {
  success: true
  email?: string
  nickname?: string
  memberType?: number
  tokenExpiresIn?: number
}

export default class AuthLogin extends AuthedCommand<typeof AuthLogin> {
  static description = `Log in with the OAuth device flow.

Shows a URL and a code; approve it in a browser and the token is stored in ~/.pixverse/internal.json (mode 0600). In JSON mode the URL goes to stderr and no browser is opened.`

  static examples = [
    '<%= config.bin %> auth login',
    '<%= config.bin %> auth login --json',
    '<%= config.bin %> auth login --sandbox',
  ]

  protected static autoSandboxLogin = false

  async run(): Promise<LoginResult> {
    const before = this.session.snapshot()
    const code = await requestDeviceCode(this.api)
    this.out.notice(`Authorize at: ${code.url} (code: ${code.userCode})`)
    if (this.ctx.canOpenBrowser()) openInBrowser(code.url)
    const {createProgress} = await import('../../progress/progress.js')
    const progress = await createProgress(this.ctx)
    const waiting = progress.step('Waiting for approval in the browser')
    const token = await pollDeviceToken(this.api, code)
      .then(
        (approved) => {
          waiting.done('approved')
          return approved
        },
        (error: unknown) => {
          waiting.fail()
          throw error
        },
      )
      .finally(() => progress.close())
    try {
      this.storeToken(token.accessToken)
      const user = await this.api.get<Record<string, unknown>>('getUserInfo')
      await this.syncWorkspace()
      return {
        success: true,
        email: user?.Mail as string | undefined,
        nickname: user?.Nickname as string | undefined,
        memberType: user?.MemberType as number | undefined,
        tokenExpiresIn: token.expiresIn,
      }
    } catch (error) {
      // docs/protocol.md §2.1 step 7: a login that fails half way leaves the previous session as it was.
      this.session.restore(before)
      throw error
    }
  }

  protected renderHuman(result: unknown): string {
    const {email, nickname} = result as LoginResult
    return `Logged in as ${nickname ?? email ?? 'unknown user'}${email && nickname ? ` <${email}>` : ''}`
  }

  private async syncWorkspace(): Promise<void> {
    this.session.update({activeWorkspaceId: 0})
    try {
      const list = await this.api.get<{active_workspace_id?: number}>('team/workspace/list')
      const id = Number(list?.active_workspace_id ?? 0)
      this.session.update({activeWorkspaceId: Number.isInteger(id) && id > 0 ? id : 0})
    } catch {
      // Workspaces are optional: a personal account still logs in (the reference client ignores this too).
    }
  }
}
