import * as Flags from '@oclif/core/flags'

import {SOURCE_CODE, type AssetSource, itemId} from '../../api/library.js'
import {AuthedCommand} from '../../base/authed-command.js'
import {assertLimit, limitFlag, offsetOf, pageFlag} from '../../base/paging.js'
import {validationError} from '../../errors.js'
import {pagedText, renderTable} from '../../util/table.js'

interface AssetPage {
  items: Array<Record<string, unknown>>
  total?: number
  page: number
  limit: number
  has_more: boolean
  next_offset?: number
}

export default class AssetList extends AuthedCommand<typeof AssetList> {
  static description = `List your library, newest first: created or uploaded videos, images or audio.

Each item carries "id" (the id other commands take) and the service's own fields. Page with --page; "has_more" says whether another page exists. Audio lists take at most 50 items per page.`

  static examples = [
    '<%= config.bin %> asset list --json',
    '<%= config.bin %> asset list --type image --limit 50 --page 2',
    '<%= config.bin %> asset list --type video --source upload',
    '<%= config.bin %> asset list --off-peak --json',
  ]

  static flags = {
    type: Flags.string({description: 'Asset type.', options: ['video', 'image', 'audio'], default: 'video'}),
    source: Flags.string({
      description: 'Created by you, or uploaded.',
      options: ['create', 'upload'],
      default: 'create',
    }),
    'off-peak': Flags.boolean({description: 'Only off-peak creations (video + create only).'}),
    limit: limitFlag(),
    page: pageFlag(),
  }

  async run(): Promise<AssetPage> {
    const {type, source, limit, page} = this.flags
    if (this.flags['off-peak'] && (type !== 'video' || source !== 'create')) {
      throw validationError('--off-peak works only with --type video --source create')
    }

    if (type === 'audio') assertLimit(limit, 50, 'for audio')
    const offset = offsetOf(page, limit)
    const assetSource = SOURCE_CODE[source as AssetSource]
    const body =
      type === 'audio'
        ? {tab: 'audio', asset_source: assetSource, offset, limit, sort_field: 'created_at', sort_type: 'Desc'}
        : {
            tab: type,
            asset_source: assetSource,
            folder_id: 0,
            offset,
            limit,
            filter: this.flags['off-peak'] ? {off_peak: 1} : {},
          }
    const resp = await this.api.post<{
      data?: Array<Record<string, unknown>>
      total?: number
      has_more?: boolean
      next_offset?: number
    }>('asset/library/list', body)
    const items = (resp?.data ?? []).map((raw) => ({id: itemId(raw), ...raw}))
    const hasMore = Boolean(resp?.has_more)
    if (type === 'audio')
      return {items, page, limit, has_more: hasMore, next_offset: resp?.next_offset ?? offset + items.length}
    return {items, total: resp?.total ?? items.length, page, limit, has_more: hasMore}
  }

  protected renderHuman(result: unknown): string {
    const value = result as AssetPage
    const columns =
      this.flags.source === 'upload' ? ['id', 'name', 'path', 'created_at'] : ['id', 'prompt', 'model', 'created_at']
    const rows = value.items.map((item) => ({...item, prompt: truncate(item.prompt ?? item.text)}))
    return pagedText(renderTable(rows, columns), {
      page: value.page,
      shown: value.items.length,
      total: value.total,
      hasMore: value.has_more,
    })
  }
}

function truncate(value: unknown): unknown {
  return typeof value === 'string' && value.length > 48 ? value.slice(0, 47) + '…' : value
}
