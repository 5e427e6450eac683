import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import {type AssetType, findAsset} from '../../api/assets.js'
import {ASSET_TYPE_CODE, type AssetSource, SOURCE_CODE} from '../../api/library.js'
import {AuthedCommand} from '../../base/authed-command.js'
import {parseId} from '../../base/id-arg.js'
import {CliError, ExitCode, validationError} from '../../errors.js'

interface Deleted {
  id: number
  asset_id: number
  type: AssetType
  source: AssetSource
  deleted: true
}

export default class AssetDelete extends AuthedCommand<typeof AssetDelete> {
  static description = `Delete an asset from your library (cannot be undone).

Created assets are found by id (type detected: video, then image, then audio). Uploads are deleted by the id shown by \`asset list --source upload\` and need --type.`

  static examples = [
    '<%= config.bin %> asset delete 390000000001 --json',
    '<%= config.bin %> asset delete 390000000007 --type image',
    '<%= config.bin %> asset delete 390000000009 --source upload --type video --json',
  ]

  static args = {
    id: Args.string({description: 'Asset id.', required: true}),
  }

  static flags = {
    type: Flags.string({
      description: 'Asset type. [default: auto-detect for created assets]',
      options: ['video', 'image', 'audio'],
    }),
    source: Flags.string({
      description: 'Created by you, or uploaded.',
      options: ['create', 'upload'],
      default: 'create',
    }),
    yes: Flags.boolean({
      char: 'y',
      description: 'Do not ask for confirmation at a terminal (never asked with --json or in CI).',
    }),
  }

  async run(): Promise<Deleted> {
    const id = parseId(this.args.id)
    const source = this.flags.source as AssetSource
    let type = this.flags.type as AssetType | undefined
    let assetId = id
    let platform = 'web'
    if (source === 'upload') {
      if (!type) throw validationError('--type is required with --source upload (video | image | audio)')
    } else {
      // The library wants the detail's own id and platform (docs/protocol.md §3.15).
      const asset = await findAsset(this.api, id, type, type === 'audio' ? 1 : undefined)
      type = asset.type
      const raw = asset.raw
      assetId = Number(raw.video_id ?? raw.image_id ?? raw.asset_id ?? raw.audio_id ?? id)
      if (typeof raw.platform === 'string' && raw.platform) platform = raw.platform
    }

    if (!this.flags.yes && this.ctx.canPrompt())
      await this.confirm(`Delete ${source === 'upload' ? 'uploaded ' : ''}${type} ${id}? This cannot be undone.`)
    await this.api.post('asset/library/delete', {
      items: [{asset_id: assetId, asset_type: ASSET_TYPE_CODE[type], asset_source: SOURCE_CODE[source], platform}],
    })
    return {id, asset_id: assetId, type, source, deleted: true}
  }

  /** A person at a terminal says yes first; no (or Ctrl-C) deletes nothing. */
  private async confirm(message: string): Promise<void> {
    const {confirm} = await import('@inquirer/prompts')
    const {asking} = await import('../../wizard/cancel.js')
    const {promptContext} = await import('../../wizard/prompt-io.js')
    const sure = await asking(() => confirm({message, default: false}, promptContext(this.ctx.streams)))
    if (!sure) throw new CliError('Cancelled; nothing was deleted', {exitCode: ExitCode.Interrupted})
  }

  protected renderHuman(result: unknown): string {
    const value = result as Deleted
    return `Deleted ${value.type} ${value.id}`
  }
}
