import * as Args from '@oclif/core/args'

import {folderLabel} from '../../api/folders.js'
import {AuthedCommand} from '../../base/authed-command.js'
import {validationError} from '../../errors.js'

export default class SavedNew extends AuthedCommand<typeof SavedNew> {
  static description = 'Create a saved folder.'

  static examples = ['<%= config.bin %> saved new "Client A" --json']

  static args = {
    name: Args.string({description: 'Folder name.', required: true}),
  }

  async run(): Promise<Record<string, unknown>> {
    const name = this.args.name.trim()
    if (!name) throw validationError('The folder name is empty')
    const resp = await this.api.post<Record<string, unknown>>('asset/folder/create', {name})
    const id = Number(resp?.folder_id ?? resp?.id)
    return {...resp, folder_id: id, folder_label: folderLabel(id), name: String(resp?.name ?? name)}
  }

  protected renderHuman(result: unknown): string {
    const r = result as {folder_id: number; name: string}
    return `Created folder "${r.name}" (${r.folder_id})`
  }
}
