import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import {folderLabel, parseFolderId} from '../../api/folders.js'
import {type AssetSource, SOURCE_CODE, itemId} from '../../api/library.js'
import {AuthedCommand} from '../../base/authed-command.js'
import {limitFlag, offsetOf, pageFlag} from '../../base/paging.js'
import {pagedText, renderTable} from '../../util/table.js'

const TYPE_CODE: Record<string, number> = {all: -1, video: 1, image: 0}

interface Items {
  folder_id: number
  folder_label: string
  items: Array<Record<string, unknown>>
  total: number
  page: number
  limit: number
  has_more: boolean
}

export default class SavedItems extends AuthedCommand<typeof SavedItems> {
  static description = 'List the assets in a saved folder (default: the built-in "default" folder), newest first.'

  static examples = [
    '<%= config.bin %> saved items --json',
    '<%= config.bin %> saved items 390000000042 --type video --limit 50',
  ]

  static args = {
    folder: Args.string({description: 'Folder id from `saved list`, or "default".', default: 'default'}),
  }

  static flags = {
    type: Flags.string({description: 'Asset type.', options: ['all', 'video', 'image'], default: 'all'}),
    // The service always gets a source: the reference client sends 1 (created) unless told otherwise.
    source: Flags.string({
      description: 'Created by you, or uploaded.',
      options: ['create', 'upload'],
      default: 'create',
    }),
    limit: limitFlag(),
    page: pageFlag(),
  }

  async run(): Promise<Items> {
    const folderId = parseFolderId(this.args.folder)
    const {type, source, limit, page} = this.flags
    const resp = await this.api.post<{data?: Array<Record<string, unknown>>; total?: number; has_more?: boolean}>(
      'asset/folder/item/list',
      {
        folder_id: folderId,
        asset_type: TYPE_CODE[type],
        asset_source: SOURCE_CODE[source as AssetSource],
        offset: offsetOf(page, limit),
        limit,
      },
    )
    const items = (resp?.data ?? []).map((raw) => ({id: itemId(raw), ...raw}))
    return {
      folder_id: folderId,
      folder_label: folderLabel(folderId),
      items,
      total: Number(resp?.total ?? items.length),
      page,
      limit,
      has_more: Boolean(resp?.has_more),
    }
  }

  protected renderHuman(result: unknown): string {
    const r = result as Items
    const rows = r.items.map((item) => ({...item, type: ['image', 'video', 'audio'][Number(item.asset_type)] ?? '-'}))
    return pagedText(renderTable(rows, ['id', 'type', 'prompt', 'created_at']), {
      page: r.page,
      shown: r.items.length,
      total: r.total,
      hasMore: r.has_more,
    })
  }
}
