import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import {type AssetType, findAsset} from '../../api/assets.js'
import {assetDownloadUrl} from '../../api/asset-download.js'
import {downloadFile} from '../../api/download.js'
import {AuthedCommand} from '../../base/authed-command.js'
import {parseId} from '../../base/id-arg.js'
import {CliError, ExitCode} from '../../errors.js'
import {emit} from '../../events.js'
import {outputPath} from '../../util/file-access.js'
import {assertFolderWritable} from '../../util/writable-folder.js'

export default class AssetDownload extends AuthedCommand<typeof AssetDownload> {
  static description = `Download a finished asset to a folder.

The folder is --dest, else \`config set output-dir\`, else the current directory. The file is streamed to <name>.part, resumed if the connection drops, size-checked, and only then renamed.`

  static examples = [
    '<%= config.bin %> asset download 390000000001 --json',
    '<%= config.bin %> asset download 390000000001 --dest ./videos',
  ]

  static args = {
    id: Args.string({description: 'Asset id.', required: true}),
  }

  static flags = {
    type: Flags.string({description: 'Asset type. [default: auto-detect]', options: ['video', 'image', 'audio']}),
    dest: Flags.string({description: 'Folder to write into (created if missing).'}),
  }

  async run(): Promise<{id: number; type: AssetType; file: string}> {
    const id = parseId(this.args.id)
    // Over MCP the folder must be inside the one `mcp serve` was given (file-access.ts).
    const dest = outputPath(this.files, this.flags.dest, () => this.settings.outputDir ?? process.cwd(), '--dest')
    assertFolderWritable(dest, this.flags.dest === undefined ? 'output-dir setting' : '--dest')
    const asset = await findAsset(this.api, id, this.flags.type as AssetType | undefined)
    // Only created audio has a download (docs/protocol.md §5.3): asking for an upload's would fail as "not found".
    if (asset.type === 'audio' && asset.source === 0) {
      throw new CliError(`Audio ${id} is an upload, and uploaded audio cannot be downloaded`, {
        exitCode: ExitCode.General,
        hint: `Its URL is in \`${this.config.bin} asset info ${id} --type audio --source upload\`.`,
      })
    }

    const {url, name, bytes} = await assetDownloadUrl(this.api, id, asset.type, asset.raw)
    const {createProgress} = await import('../../progress/progress.js')
    const progress = await createProgress(this.ctx)
    const step = progress.step(`Downloading ${asset.type} ${id}`)
    const file = await downloadFile(url, dest, name, (received, total) => step.bytes(received, total ?? 0), {
      expectedBytes: bytes,
      kind: asset.type,
    })
      .then(
        (saved) => {
          step.done(saved)
          return saved
        },
        (error: unknown) => {
          step.fail()
          throw error
        },
      )
      .finally(() => progress.close())
    await emit(this.config, 'file-downloaded', {id, type: asset.type, file}, (m) => this.out.warn(m))
    return {id, type: asset.type, file}
  }

  protected renderHuman(result: unknown): string {
    const {id, type, file} = result as {id: number; type: AssetType; file: string}
    return `Saved ${type} ${id} to ${file}`
  }
}
