import * as Args from '@oclif/core/args'

import {assertNotDefault, folderLabel, parseFolderId} from '../../api/folders.js'
import {AuthedCommand} from '../../base/authed-command.js'
import {validationError} from '../../errors.js'

export default class SavedRename extends AuthedCommand<typeof SavedRename> {
  static description = 'Rename a saved folder (the default folder keeps its name).'

  static examples = ['<%= config.bin %> saved rename 390000000042 "Client B" --json']

  static args = {
    folder: Args.string({description: 'Folder id from `saved list`.', required: true}),
    name: Args.string({description: 'New name.', required: true}),
  }

  async run(): Promise<{folder_id: number; folder_label: string; name: string; renamed: true}> {
    const id = parseFolderId(this.args.folder)
    assertNotDefault(id, 'renamed')
    const name = this.args.name.trim()
    if (!name) throw validationError('The folder name is empty')
    await this.api.post('asset/folder/rename', {folder_id: id, name})
    return {folder_id: id, folder_label: folderLabel(id), name, renamed: true}
  }

  protected renderHuman(result: unknown): string {
    const r = result as {folder_id: number; name: string}
    return `Renamed folder ${r.folder_id} to "${r.name}"`
  }
}
