import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import {type AssetType, findAsset} from '../../api/assets.js'
import {AuthedCommand} from '../../base/authed-command.js'
import {parseId} from '../../base/id-arg.js'
import {statusView} from '../../api/results.js'
import {taskText} from '../../util/task-text.js'
import {renderHuman} from '../../output.js'

export default class AssetInfo extends AuthedCommand<typeof AssetInfo> {
  static description =
    'Show everything the service knows about an asset (type detected: video, then image, then audio).'

  static examples = [
    '<%= config.bin %> asset info 390000000001 --json',
    '<%= config.bin %> asset info 77 --type audio --source upload',
  ]

  static args = {
    id: Args.string({description: 'Asset id (the id a create printed).', required: true}),
  }

  static flags = {
    type: Flags.string({description: 'Asset type. [default: auto-detect]', options: ['video', 'image', 'audio']}),
    source: Flags.string({description: 'For audio: created or uploaded.', options: ['create', 'upload']}),
  }

  async run(): Promise<Record<string, unknown>> {
    const id = parseId(this.args.id)
    const source = this.flags.source === undefined ? undefined : this.flags.source === 'create' ? 1 : 0
    const asset = await findAsset(this.api, id, this.flags.type as AssetType | undefined, source)
    return {id, type: asset.type, ...asset.raw}
  }

  /** The same summary as `task status` (what, where it stands, its URL, what to run next); every field with --verbose. */
  protected renderHuman(result: unknown): string {
    if (this.out.verbose) return renderHuman(result)
    const {id, type, ...raw} = result as {id: number; type: AssetType} & Record<string, unknown>
    const view = {
      ...statusView(type, id, raw),
      ...(type === 'audio' && raw.status === undefined && raw.audio_status === undefined ? {status: 'Completed'} : {}),
    }
    return taskText(view, this.config.bin)
  }
}
