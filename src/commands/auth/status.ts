import {AuthedCommand} from '../../base/authed-command.js'
import {memberLabel} from '../../api/members.js'
import {ExitCode, authError} from '../../errors.js'

export default class AuthStatus extends AuthedCommand<typeof AuthStatus> {
  static description = 'Show who is logged in and the credits left. Exits 3 when nobody is.'

  static examples = ['<%= config.bin %> auth status --json']

  async run(): Promise<Record<string, unknown>> {
    // Logged out is an answer for scripts, not only an error: they read this document (docs/cli.md
    // §5.2) and the exit code still says 3. A person gets the usual error line on stderr.
    if (!this.credential()) {
      if (!this.out.json) throw authError('Not logged in')
      this.resultExitCode = ExitCode.Auth
      return {authenticated: false, message: 'Not logged in'}
    }

    const [user, credits] = await Promise.all([
      this.api.get<Record<string, unknown>>('getUserInfo'),
      this.api.get<Record<string, unknown>>('user/credits'),
    ])
    const total = ['credit_daily', 'credit_monthly', 'credit_package'].reduce(
      (sum, key) => sum + (Number(credits?.[key]) || 0),
      0,
    )
    return {
      authenticated: true,
      email: user?.Mail,
      nickname: user?.Nickname,
      memberType: memberLabel(Number(user?.MemberType)),
      credits: total,
    }
  }

  protected renderHuman(result: unknown): string {
    const r = result as {email?: string; nickname?: string; memberType?: string; credits: number}
    const who = [r.nickname, r.email ? `<${r.email}>` : undefined].filter(Boolean).join(' ') || 'an account'
    const where = this.sandboxMode ? ' (local sandbox)' : ''
    return [
      `Logged in as ${who} · ${r.memberType ?? '-'}${where}`,
      `Credits: ${r.credits}`,
      `Details: ${this.config.bin} account info${this.sandboxMode ? ' --sandbox' : ''}`,
    ].join('\n')
  }
}
