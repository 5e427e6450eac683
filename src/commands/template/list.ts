import * as Flags from '@oclif/core/flags'

import {AuthedCommand} from '../../base/authed-command.js'
import {limitFlag, offsetOf, pageFlag} from '../../base/paging.js'
import {pagedText, renderTable} from '../../util/table.js'

interface TemplatePage {
  items: Array<Record<string, unknown>>
  total: number
  page: number
  limit: number
}

export default class TemplateList extends AuthedCommand<typeof TemplateList> {
  static description = `Browse effect templates, a page at a time.

template_type is 1 for video templates and 2 for image templates. Find categories with \`template categories\`, details with \`template info <id>\`.`

  static examples = [
    '<%= config.bin %> template list --json',
    '<%= config.bin %> template list --category 2 --limit 10',
    '<%= config.bin %> template list --page 2 --json',
  ]

  static flags = {
    category: Flags.integer({description: 'Category id (from `template categories`).', min: 1}),
    limit: limitFlag(),
    page: pageFlag(),
  }

  async run(): Promise<TemplatePage> {
    const {category, limit, page} = this.flags
    const resp = await this.api.get<{data?: Array<Record<string, unknown>>; total?: number}>('content/template/list', {
      primary_category: 3,
      platform: 'web',
      limit,
      offset: offsetOf(page, limit),
      secondary_category: category,
    })
    const items = resp?.data ?? []
    return {items, total: Number(resp?.total ?? items.length), page, limit}
  }

  protected renderHuman(result: unknown): string {
    const value = result as TemplatePage
    const table = renderTable(value.items.map(templateRow), ['template_id', 'display_name', 'kind'])
    const text = pagedText(table, {
      page: value.page,
      shown: value.items.length,
      total: value.total,
      hasMore: value.page * value.limit < value.total,
    })
    return value.items.length > 0 ? `${text}\n${templateDetailsHint(this.config.bin)}` : text
  }
}

/** The next step after a list of templates: what one needs and how to use it. */
export function templateDetailsHint(bin: string): string {
  return `Details: ${bin} template info <template_id>`
}

export function templateRow(item: Record<string, unknown>): Record<string, unknown> {
  return {...item, kind: item.template_type === 2 ? 'image' : 'video'}
}
