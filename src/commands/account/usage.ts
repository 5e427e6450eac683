import * as Flags from '@oclif/core/flags'

import {WorkspaceCommand} from '../../base/workspace-command.js'
import {limitFlag, offsetOf, pageFlag} from '../../base/paging.js'
import {validationError} from '../../errors.js'
import {pagedText, renderTable} from '../../util/table.js'

const TYPE_CODE = {all: 0, earned: 1, used: 2} as const
const ACQUIRED: Record<number, string> = {
  1: 'Generation',
  2: 'Refund',
  3: 'Renewal',
  4: 'Expired',
  5: 'Task Reward',
  6: 'Bonus',
  7: 'Gift Code',
  8: 'Referral',
}

interface Usage {
  total: number
  page: number
  limit: number
  items: Array<Record<string, unknown>>
}

export default class AccountUsage extends WorkspaceCommand<typeof AccountUsage> {
  static description = `Credit history, newest first.

Personal workspace: every record, or only --type earned / used. Team workspace: the team's spending of the last 30 days (--type must stay "all" there).`

  static examples = [
    '<%= config.bin %> account usage --json',
    '<%= config.bin %> account usage --type used --limit 50 --page 2',
  ]

  static flags = {
    type: Flags.string({
      description: 'Which records (personal workspace only).',
      options: ['all', 'earned', 'used'],
      default: 'all',
    }),
    limit: limitFlag(),
    page: pageFlag(),
  }

  async run(): Promise<Usage> {
    const {type, limit, page} = this.flags
    if (type !== 'all' && (this.workspaceOverride ?? 0) > 0) throw teamTypeError()
    const {active} = await this.syncWorkspaces()
    if (active > 0) {
      if (type !== 'all') throw teamTypeError()
      const resp = await this.api.get<{records?: Array<Record<string, unknown>>; total?: number}>(
        'team/usage/history',
        {page, page_size: limit, period: '30d'},
      )
      const items = (resp?.records ?? []).map((r) => ({
        id: r.id,
        task_id: r.task_id,
        user_name: r.user_name,
        credit_cost: r.credit_cost,
        creation_mode: r.creation_mode,
        model: r.model,
        created_at: r.created_at,
      }))
      return {total: Number(resp?.total ?? items.length), page, limit, items}
    }

    const resp = await this.api.post<{items?: Array<Record<string, unknown>>; total?: number}>(
      'user/credits/records/v2',
      {
        Offset: offsetOf(page, limit),
        Limit: limit,
        type: TYPE_CODE[type as keyof typeof TYPE_CODE],
      },
    )
    const items = (resp?.items ?? []).map((r) => {
      const amount = Number(r.credits ?? 0)
      // Our fields, then the service's as the reference client prints them (docs/protocol.md §9).
      return {
        id: r.id,
        type: amount < 0 ? 'used' : 'earned',
        amount,
        description: describe(r),
        createdAt: utcIso(r.create_time),
        acquired_type: r.acquired_type ?? null,
        acquired_type_name:
          typeof r.acquired_type_name === 'string'
            ? r.acquired_type_name
            : (ACQUIRED[Number(r.acquired_type)] ?? 'Other'),
        credits: amount,
        create_time: r.create_time ?? null,
        ...(r.task_id === undefined ? {} : {task_id: r.task_id, create_mode: r.create_mode, model: r.model}),
      }
    })
    return {total: Number(resp?.total ?? items.length), page, limit, items}
  }

  protected renderHuman(result: unknown): string {
    const r = result as Usage
    const team = r.items.length > 0 && 'credit_cost' in r.items[0]
    const table = renderTable(
      r.items,
      team ? ['created_at', 'credit_cost', 'creation_mode', 'model'] : ['createdAt', 'amount', 'description'],
    )
    return pagedText(table, {page: r.page, shown: r.items.length, total: r.total, hasMore: r.page * r.limit < r.total})
  }
}

function teamTypeError() {
  return validationError(
    '--type earned/used is only available in the personal workspace',
    'Use --type all, or `pixverse --workspace-id 0 account usage`.',
  )
}

function describe(record: Record<string, unknown>): string {
  const label =
    typeof record.acquired_type_name === 'string'
      ? record.acquired_type_name
      : (ACQUIRED[Number(record.acquired_type)] ?? 'Other')
  const detail = [record.create_mode, record.model].filter((v) => typeof v === 'string' && v !== '').join(' ')
  return detail ? `${label} (${detail})` : label
}

/** Credit records carry "YYYY-MM-DD HH:MM:SS" in UTC without a zone; ISO 8601 is unambiguous. */
function utcIso(value: unknown): string | null {
  if (typeof value !== 'string' || !value) return null
  const iso = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value) ? `${value.replace(' ', 'T')}Z` : value
  return Number.isNaN(Date.parse(iso)) ? value : new Date(iso).toISOString()
}
