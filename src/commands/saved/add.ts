import {FolderItemsCommand} from '../../base/folder-items-command.js'

export default class SavedAdd extends FolderItemsCommand<typeof SavedAdd> {
  static description = 'Put assets into a saved folder (default: the "default" folder). --type is required.'

  static examples = [
    '<%= config.bin %> saved add 390000000001 --type video --json',
    '<%= config.bin %> saved add 390000000001 390000000002 --type image --folder 390000000042',
  ]

  async run(): Promise<{folder_id: number; folder_label: string; added: number[]}> {
    const {folder_id, folder_label, ids} = await this.change('asset/folder/item/add')
    return {folder_id, folder_label, added: ids}
  }

  protected renderHuman(result: unknown): string {
    const r = result as {folder_label: string; added: number[]}
    return `Added ${r.added.join(', ')} to folder ${r.folder_label}`
  }
}
