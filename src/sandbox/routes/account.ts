/** User, credits, slots, usage and team workspaces (docs/protocol.md §3.16, §3.20). */
import {ApiError, ERR, type Ctx, type RouteTable, idParam, int} from '../http.js'
import type {State} from '../store.js'
import {settleRefunds, slotsUsed} from '../tasks.js'
import {findWorkspace, memberWorkspaces} from '../workspaces.js'

export function creditsResp(state: State) {
  return {
    credit_daily: state.credits.credit_daily,
    credit_monthly: state.credits.credit_monthly,
    credit_package: state.credits.credit_package,
    effect_daily: 0,
    high_quality_times: 0,
    is_new_register_user: false,
    renewal_credits: 0,
  }
}

export function concurrencyResp(state: State, now: number) {
  const slot = (kind: 'video' | 'image') => {
    const limit = state.settings.slots[kind]
    const used = slotsUsed(state, kind, now)
    return {limit, used, remaining: Math.max(0, limit - used), unlimited: false}
  }
  return {image: slot('image'), video: slot('video'), shared_pool: false}
}

/** "YYYY-MM-DD HH:MM:SS" in UTC without zone, as credit records carry it. */
function utcStamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ')
}

const ACQUIRED_LABEL: Record<number, string> = {
  1: 'Generation',
  2: 'Refund',
  3: 'Renewal',
  4: 'Expired',
  5: 'Task Reward',
  6: 'Bonus',
  7: 'Gift Code',
  8: 'Referral',
}

export const accountRoutes: RouteTable = {
  getUserInfo: {
    method: 'GET',
    auth: true,
    handler: (ctx: Ctx) =>
      ctx.store.read((state) => ({
        AccountId: state.account.accountId,
        Username: state.account.username,
        Nickname: state.account.nickname,
        Mail: state.account.mail,
        HasPassword: true,
        PremiumType: 2,
        MemberType: state.account.memberType,
        avatar: `${ctx.origin}/media/static/avatar.png`,
        invite_code: 'SANDBOX1',
        is_creator: false,
      })),
  },
  'user/credits': {
    method: 'GET',
    auth: true,
    handler: (ctx) => ctx.store.update((state) => creditsResp(settleRefunds(state, ctx.now))),
  },
  'user/credits/concurrency': {
    method: 'GET',
    auth: true,
    handler: (ctx) => ctx.store.read((s) => concurrencyResp(s, ctx.now)),
  },
  'user/credits/records/v2': {
    method: 'POST',
    auth: true,
    handler: (ctx: Ctx) => {
      const offset = int(ctx.body, 'Offset', {min: 0}) ?? 0
      const limit = int(ctx.body, 'Limit', {min: 1, max: 100}) ?? 20
      const type = int(ctx.body, 'type', {min: 0, max: 2}) ?? 0 // 0 all, 1 earned, 2 used
      return ctx.store.update((state) => {
        const records = settleRefunds(state, ctx.now)
          .creditRecords.filter((r) => r.workspace_id === 0)
          .filter((r) => (type === 1 ? r.credits > 0 : type === 2 ? r.credits < 0 : true))
          .sort((a, b) => b.created_at - a.created_at || b.id - a.id)
        return {
          total: records.length,
          items: records.slice(offset, offset + limit).map((r) => ({
            id: r.id,
            acquired_type: r.acquired_type,
            acquired_type_name: ACQUIRED_LABEL[r.acquired_type] ?? 'Other',
            credits: r.credits,
            create_time: utcStamp(r.created_at),
            ...(r.task_id ? {task_id: r.task_id, create_mode: r.mode, model: r.model} : {}),
          })),
        }
      })
    },
  },
  'team/workspace/list': {
    method: 'GET',
    auth: true,
    handler: (ctx) =>
      ctx.store.read((state) => ({
        active_workspace_id: state.account.activeWorkspaceId,
        workspaces: memberWorkspaces(state.account.leftWorkspaces).map((w) => ({
          workspace_id: w.workspace_id,
          name: w.name,
          role: w.role,
          member_count: w.member_count,
        })),
      })),
  },
  'team/workspace/switch': {
    method: 'POST',
    auth: true,
    handler: (ctx: Ctx) => {
      const raw = ctx.body.workspace_id
      const id = raw === 0 || raw === '0' ? 0 : idParam(raw, 'workspace_id')
      return ctx.store.update((state) => {
        const ws = id === 0 ? undefined : findWorkspace(id, state.account.leftWorkspaces)
        if (id !== 0 && !ws)
          throw new ApiError(ERR.workspaceDenied, `Workspace ${id} does not exist or you are not a member of it`)
        state.account.activeWorkspaceId = id
        return {active_workspace_id: id, workspace_id: id, name: ws?.name ?? 'Personal', role: ws?.role ?? 'owner'}
      })
    },
  },
  'team/credits/overview': {
    method: 'GET',
    auth: true,
    handler: (ctx: Ctx) =>
      ctx.store.update((state) => {
        const id = ctx.auth?.workspaceId || state.account.activeWorkspaceId
        const ws = findWorkspace(id, state.account.leftWorkspaces)
        if (!ws) throw new ApiError(ERR.workspaceDenied, 'Not in a team workspace')
        // Charges less refunds.
        const used = -settleRefunds(state, ctx.now)
          .creditRecords.filter((r) => r.workspace_id === id)
          .reduce((n, r) => n + r.credits, 0)
        return {
          workspace_id: id,
          name: ws.name,
          total_credits: ws.total_credits,
          used_credits: used,
          remaining_credits: ws.total_credits - used,
          seat_count: ws.seat_count,
        }
      }),
  },
  'team/usage/history': {
    method: 'GET',
    auth: true,
    handler: (ctx: Ctx) => {
      const page = Math.max(1, Number(ctx.query.get('page') ?? 1) || 1)
      const pageSize = Math.min(100, Math.max(1, Number(ctx.query.get('page_size') ?? 20) || 20))
      return ctx.store.read((state) => {
        const id = ctx.auth?.workspaceId || state.account.activeWorkspaceId
        if (!findWorkspace(id, state.account.leftWorkspaces))
          throw new ApiError(ERR.workspaceDenied, 'Not in a team workspace')
        const records = state.creditRecords
          .filter((r) => r.workspace_id === id && r.credits < 0)
          .sort((a, b) => b.created_at - a.created_at || b.id - a.id)
        return {
          total: records.length,
          page,
          page_size: pageSize,
          period: ctx.query.get('period') ?? '30d',
          records: records.slice((page - 1) * pageSize, page * pageSize).map((r) => ({
            id: r.id,
            credit_cost: -r.credits,
            created_at: new Date(r.created_at).toISOString(),
            creation_mode: r.mode ?? '',
            model: r.model ?? '',
            task_id: r.task_id,
            user_name: state.account.nickname,
          })),
        }
      })
    },
  },
}
