import {memberLabel} from '../../api/members.js'
import {WorkspaceCommand} from '../../base/workspace-command.js'

/** Team workspaces are always shown as the Premium tier (docs/protocol.md §3.16). */
const TEAM_MEMBER_TYPE = 3

export interface AccountInfo {
  accountId: number | null
  email: string | null
  nickname: string | null
  username: string | null
  memberType: number
  memberLabel: string
  isCreator: boolean
  credits: {
    daily: number | null
    membership: number | null
    bonus: number | null
    total: number
    highQualityTimes: number | null
    renewalCredits: number | null
    used: number | null
  }
  workspace: {
    workspaceId: number
    name: string | null
    role: string | null
    memberType: number
    memberLabel: string
    memberCount: number | null
    seats: number | null
  }
}

export default class AccountInfoCommand extends WorkspaceCommand<typeof AccountInfoCommand> {
  static description = `Show your account, membership and credits in the active workspace.

In a team workspace the credits are the team's pool (total and used); the personal breakdown (daily, membership, bonus…) is null there.`

  static examples = ['<%= config.bin %> account info --json', '<%= config.bin %> --workspace-id 0 account info']

  async run(): Promise<AccountInfo> {
    const [user, {list, active}] = await Promise.all([
      this.api.get<Record<string, unknown>>('getUserInfo'),
      this.syncWorkspaces(),
    ])
    const personalType = Number(user?.MemberType ?? 0) || 0
    const identity = {
      accountId: numberOrNull(user?.AccountId),
      email: stringOrNull(user?.Mail),
      nickname: stringOrNull(user?.Nickname),
      username: stringOrNull(user?.Username),
      isCreator: Boolean(user?.is_creator),
    }
    if (active > 0) {
      const team = await this.api.get<Record<string, unknown>>('team/credits/overview')
      const entry = list.workspaces.find((w) => w.workspace_id === active)
      const total = Number(team?.total_credits ?? 0)
      return {
        ...identity,
        memberType: TEAM_MEMBER_TYPE,
        memberLabel: memberLabel(TEAM_MEMBER_TYPE),
        credits: {
          daily: null,
          membership: null,
          bonus: null,
          total,
          highQualityTimes: null,
          renewalCredits: null,
          used: Number(team?.used_credits ?? 0),
        },
        workspace: {
          workspaceId: active,
          name: entry?.name ?? stringOrNull(team?.name),
          role: entry?.role ?? null,
          memberType: TEAM_MEMBER_TYPE,
          memberLabel: memberLabel(TEAM_MEMBER_TYPE),
          memberCount: entry ? Number(entry.member_count) : null,
          seats: numberOrNull(team?.seat_count),
        },
      }
    }

    const credits = await this.api.get<Record<string, unknown>>('user/credits')
    const daily = Number(credits?.credit_daily ?? 0)
    const membership = Number(credits?.credit_monthly ?? 0)
    const bonus = Number(credits?.credit_package ?? 0)
    return {
      ...identity,
      memberType: personalType,
      memberLabel: memberLabel(personalType),
      credits: {
        daily,
        membership,
        bonus,
        total: daily + membership + bonus,
        highQualityTimes: numberOrNull(credits?.high_quality_times),
        renewalCredits: numberOrNull(credits?.renewal_credits),
        used: null,
      },
      workspace: {
        workspaceId: 0,
        name: 'Personal',
        role: 'owner',
        memberType: personalType,
        memberLabel: memberLabel(personalType),
        memberCount: 1,
        seats: null,
      },
    }
  }

  protected renderHuman(result: unknown): string {
    const r = result as AccountInfo
    const c = r.credits
    const lines = [
      `Account    ${r.nickname ?? r.username ?? '-'} <${r.email ?? '-'}> (id ${r.accountId ?? '-'})`,
      `Membership ${r.memberLabel}`,
      `Workspace  ${r.workspace.name ?? '(no access)'} (id ${r.workspace.workspaceId}${r.workspace.role ? `, ${r.workspace.role}` : ''})`,
    ]
    if (c.used === null)
      lines.push(`Credits    ${c.total} (daily ${c.daily}, membership ${c.membership}, bonus ${c.bonus})`)
    else
      lines.push(
        `Credits    ${c.total} team credits, ${c.used} used`,
        `Seats      ${r.workspace.seats ?? '-'}, members ${r.workspace.memberCount ?? '-'}`,
      )
    lines.push(`Credit history: ${this.config.bin} account usage`)
    return lines.join('\n')
  }
}

function numberOrNull(value: unknown): number | null {
  return value === undefined || value === null || value === '' || !Number.isFinite(Number(value)) ? null : Number(value)
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null
}
