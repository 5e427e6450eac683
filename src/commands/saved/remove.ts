import {FolderItemsCommand} from '../../base/folder-items-command.js'

export default class SavedRemove extends FolderItemsCommand<typeof SavedRemove> {
  static description = 'Take assets out of a saved folder (they stay in your library). --type is required.'

  static examples = ['<%= config.bin %> saved remove 390000000001 --type video --folder 390000000042 --json']

  async run(): Promise<{folder_id: number; folder_label: string; removed: number[]}> {
    const {folder_id, folder_label, ids} = await this.change('asset/folder/item/delete')
    return {folder_id, folder_label, removed: ids}
  }

  protected renderHuman(result: unknown): string {
    const r = result as {folder_label: string; removed: number[]}
    return `Removed ${r.removed.join(', ')} from folder ${r.folder_label}`
  }
}
