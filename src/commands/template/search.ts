import * as Args from '@oclif/core/args'

import {AuthedCommand} from '../../base/authed-command.js'
import {validationError} from '../../errors.js'
import {renderTable} from '../../util/table.js'
import {templateDetailsHint, templateRow} from './list.js'

interface Found {
  items: Array<Record<string, unknown>>
  total: number
}

export default class TemplateSearch extends AuthedCommand<typeof TemplateSearch> {
  static description = 'Search effect templates by words in their name, prompt or tags.'

  static examples = ['<%= config.bin %> template search "dance" --json', '<%= config.bin %> template search zoom']

  static args = {
    query: Args.string({description: 'Words to look for.', required: true}),
  }

  async run(): Promise<Found> {
    const query = this.args.query.trim()
    if (!query) throw validationError('The search query is empty')
    const resp = await this.api.get<{items?: Array<Record<string, unknown>>; total?: number}>('search/web/effect', {
      query_key: query,
    })
    const items = resp?.items ?? []
    return {items, total: Number(resp?.total ?? items.length)}
  }

  protected renderHuman(result: unknown): string {
    const value = result as Found
    const table = renderTable(value.items.map(templateRow), ['template_id', 'display_name', 'kind'])
    if (!table) return `(no match)\n${value.total} found`
    return `${table}\n${value.total} found\n${templateDetailsHint(this.config.bin)}`
  }
}
