import {folderLabel} from '../../api/folders.js'
import {AuthedCommand} from '../../base/authed-command.js'
import {renderTable} from '../../util/table.js'

interface Folders {
  folders: Array<Record<string, unknown> & {folder_id: number; folder_label: string; name: string; asset_count: number}>
  total: number
}

export default class SavedList extends AuthedCommand<typeof SavedList> {
  static description = 'List your saved folders, newest first. The built-in folder is shown as "default".'

  static examples = ['<%= config.bin %> saved list --json']

  async run(): Promise<Folders> {
    const resp = await this.api.get<{folders?: Array<Record<string, unknown>>; total?: number}>('asset/folder/list', {
      sort_by: 'created_at',
      sort_order: 'desc',
    })
    const folders = (resp?.folders ?? []).map((f) => {
      const id = Number(f.folder_id)
      return {
        ...f,
        folder_id: id,
        folder_label: folderLabel(id),
        name: String(f.name ?? ''),
        asset_count: Number(f.asset_count ?? 0),
      }
    })
    return {folders, total: Number(resp?.total ?? folders.length)}
  }

  protected renderHuman(result: unknown): string {
    // The label is what `saved items` takes (an id, or "default"): the column says so.
    const rows = (result as Folders).folders.map((f) => ({...f, folder: f.folder_label, assets: f.asset_count}))
    const table = renderTable(rows, ['folder', 'name', 'assets', 'created_at'])
    return table && `${table}\nOpen one: ${this.config.bin} saved items <folder>`
  }
}
