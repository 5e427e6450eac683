import * as Args from '@oclif/core/args'
import {type Command} from '@oclif/core/command'
import * as Flags from '@oclif/core/flags'

import {folderLabel, parseFolderId} from '../api/folders.js'
import {ASSET_TYPE_CODE, type AssetSource, SOURCE_CODE} from '../api/library.js'
import {validationError} from '../errors.js'
import {AuthedCommand} from './authed-command.js'
import {parseId} from './id-arg.js'

/** `saved add` and `saved remove`: the same ids, folder, type and source, a different endpoint. */
export abstract class FolderItemsCommand<T extends typeof Command> extends AuthedCommand<T> {
  static strict = false

  static args = {
    ids: Args.string({description: 'Asset ids (one or more).'}),
  }

  static flags = {
    folder: Flags.string({description: 'Folder id from `saved list`, or "default".', default: 'default'}),
    type: Flags.string({description: 'Asset type (required).', options: ['video', 'image']}),
    source: Flags.string({
      description: 'Created by you, or uploaded.',
      options: ['create', 'upload'],
      default: 'create',
    }),
  }

  /** Validates everything (exit 6) and sends one request with every id. */
  protected async change(endpoint: string): Promise<{folder_id: number; folder_label: string; ids: number[]}> {
    const flags = this.flags as unknown as {folder: string; type?: 'video' | 'image'; source: AssetSource}
    if (!flags.type) throw validationError('--type is required (video | image)')
    if (this.positionals.length === 0) throw validationError('At least one asset id is required')
    const ids = [...new Set(this.positionals.map((value) => parseId(value, 'asset ID')))]
    const folderId = parseFolderId(flags.folder, '--folder')
    const items = ids.map((id) => ({
      asset_id: id,
      asset_type: ASSET_TYPE_CODE[flags.type!],
      asset_source: SOURCE_CODE[flags.source],
      folder_id: folderId,
    }))
    await this.api.post(endpoint, {items})
    return {folder_id: folderId, folder_label: folderLabel(folderId), ids}
  }
}
