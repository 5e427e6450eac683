import {AuthedCommand} from '../../base/authed-command.js'
import {renderTable} from '../../util/table.js'

interface Categories {
  categories: Array<{id: number; category_name: string; [key: string]: unknown}>
}

export default class TemplateCategories extends AuthedCommand<typeof TemplateCategories> {
  static description = 'List template categories (use an id with `template list --category`).'

  static examples = ['<%= config.bin %> template categories --json', '<%= config.bin %> template categories']

  async run(): Promise<Categories> {
    const resp = await this.api.get<Categories['categories']>('content/categories/secondary', {
      primary_category_id: 3,
      platform: 'web',
    })
    return {categories: Array.isArray(resp) ? resp : []}
  }

  protected renderHuman(result: unknown): string {
    const table = renderTable((result as Categories).categories, ['id', 'category_name'])
    return table && `${table}\nTemplates in one: ${this.config.bin} template list --category <id>`
  }
}
