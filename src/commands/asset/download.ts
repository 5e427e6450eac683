import {Args, Flags} from '@oclif/core'

import {type AssetType, findAsset} from '../../api/assets.js'
import {defaultFileName, downloadFile, sanitizeFileName} from '../../api/download.js'
import {classify} from '../../api/tasks.js'
import {AuthedCommand} from '../../base/authed-command.js'
import {parseId} from '../../base/id-arg.js'
import {CliError, ExitCode} from '../../errors.js'
import {emit} from '../../events.js'
import {assertFolderWritable} from '../../util/writable-folder.js'

export default class AssetDownload extends AuthedCommand<typeof AssetDownload> {
  static description = `Download a finished asset to a folder.

The folder is --dest, else \`config set output-dir\`, else the current directory. The file is streamed to <name>.part, resumed if the connection drops, size-checked, and only then renamed.`

  static examples = ['<%= config.bin %> asset download 390000000001 --json', '<%= config.bin %> asset download 390000000001 --dest ./videos']

  static args = {
    id: Args.string({description: 'Asset id.', required: true}),
  }

  static flags = {
    type: Flags.string({description: 'Asset type. [default: auto-detect]', options: ['video', 'image', 'audio']}),
    dest: Flags.string({description: 'Folder to write into (created if missing).'}),
  }

  async run(): Promise<{id: number; type: AssetType; file: string}> {
    const id = parseId(this.args.id)
    const dest = this.flags.dest ?? this.settings.outputDir ?? process.cwd()
    assertFolderWritable(dest, this.flags.dest === undefined ? 'output-dir setting' : '--dest')
    const asset = await findAsset(this.api, id, this.flags.type as AssetType | undefined)
    const {url, name} = await this.downloadUrl(id, asset.type, asset.raw)
    const {createProgress} = await import('../../progress/progress.js')
    const progress = await createProgress(this.out.json)
    const step = progress.step(`Downloading ${asset.type} ${id}`)
    const file = await downloadFile(url, dest, name, (received, total) => step.bytes(received, total ?? 0)).then(
      (saved) => {
        step.done(saved)
        return saved
      },
      (error: unknown) => {
        step.fail()
        throw error
      },
    ).finally(() => progress.close())
    await emit(this.config, 'file-downloaded', {id, type: asset.type, file}, (m) => this.out.warn(m))
    return {id, type: asset.type, file}
  }

  private async downloadUrl(id: number, type: AssetType, raw: Record<string, unknown>): Promise<{url: string; name: string}> {
    if (type === 'audio') {
      const resp = await this.api.post<Record<string, unknown>>('asset/download', {
        items: [{asset_id: Number(raw.asset_id ?? id), asset_type: 2, asset_source: 1}],
        remove_watermark: 0,
      })
      const url = String(resp?.url ?? '')
      if (!url) throw new CliError(`Audio ${id} cannot be downloaded (uploaded audio is not downloadable)`, {exitCode: ExitCode.General})
      const name = typeof resp.download_name === 'string' && resp.download_name ? sanitizeFileName(resp.download_name) : defaultFileName('audio', id, url, 'mp3')
      return {url, name}
    }

    const snapshot = classify(type, id, raw)
    if (snapshot.state !== 'done') {
      throw new CliError(`${type} ${id} is not finished yet (status ${snapshot.statusCode})`, {
        exitCode: ExitCode.General,
        hint: `Wait for it with \`pixverse task wait ${id}${type === 'video' ? '' : ` --type ${type}`}\`.`,
      })
    }

    const resp = await this.api.post<{url?: string}>(`${type}/download`, {[`${type}_id`]: id}, {headers: {Error: 'return'}})
    const url = resp?.url
    if (!url) throw new CliError(`The service returned no download URL for ${type} ${id}`, {exitCode: ExitCode.General})
    return {url, name: defaultFileName(type, id, url, type === 'video' ? 'mp4' : 'png')}
  }
}
