import * as Args from '@oclif/core/args'

import {assertNotDefault, folderLabel, parseFolderId} from '../../api/folders.js'
import {AuthedCommand} from '../../base/authed-command.js'

export default class SavedDelete extends AuthedCommand<typeof SavedDelete> {
  static description = 'Delete a saved folder (its assets stay in your library). The default folder cannot be deleted.'

  static examples = ['<%= config.bin %> saved delete 390000000042 --json']

  static args = {
    folder: Args.string({description: 'Folder id from `saved list`.', required: true}),
  }

  async run(): Promise<{folder_id: number; folder_label: string; deleted: true}> {
    const id = parseFolderId(this.args.folder)
    assertNotDefault(id, 'deleted')
    await this.api.post('asset/folder/delete', {folder_ids: [id]})
    return {folder_id: id, folder_label: folderLabel(id), deleted: true}
  }

  protected renderHuman(result: unknown): string {
    return `Deleted folder ${(result as {folder_id: number}).folder_id}`
  }
}
