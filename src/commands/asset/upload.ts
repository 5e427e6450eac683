import * as Args from '@oclif/core/args'

import {classifyMediaInput} from '../../api/media-input.js'
import {AuthedCommand} from '../../base/authed-command.js'
import type {OutputStream} from '../../context/streams.js'
import {validationError} from '../../errors.js'
import {EXTENSIONS, type MediaKind, extensionOf, kindOfExtension} from '../../util/media-file.js'

export default class AssetUpload extends AuthedCommand<typeof AssetUpload> {
  static description = `Upload a local file or an https URL to your library.

Accepted: ${Object.values(EXTENSIONS).flat().join(', ')}. The type comes from the extension and is checked against the content. Images larger than 1920×1920 px or the size limit are downscaled first (your file is untouched; "transform" in the result says what changed). Use the printed "path" or "id" as a media input of any create command.`

  static examples = [
    '<%= config.bin %> asset upload ./clip.mp4 --json',
    '<%= config.bin %> asset upload ./photo.png',
    '<%= config.bin %> asset upload https://example.com/cat.jpg --json',
  ]

  static args = {
    input: Args.string({description: 'Local file path or https:// URL.', required: true}),
  }

  async run(): Promise<Record<string, unknown>> {
    const input = classifyMediaInput('asset upload', this.args.input)
    if (input.form !== 'file' && input.form !== 'url') {
      throw validationError(`"${this.args.input}" is neither an existing local file nor an https URL`)
    }

    const {checkLocalMedia, Uploader} = await import('../../api/upload.js')
    let file = input.value
    if (input.form === 'url') {
      const kind = kindFromUrl(input.value)
      const {fetchRemoteMedia} = await import('../../api/remote-media.js')
      this.out.info(`Downloading ${input.value}…`)
      file = await fetchRemoteMedia(input.value, kind, {allowLoopback: Boolean(this.endpoint.local)})
    }

    const kind = checkLocalMedia('asset upload', file)
    this.out.info(`Uploading ${kind}…`)
    const bar = this.ctx.canAnimate() ? await byteBarOn(this.ctx.streams.stderr) : undefined
    const uploaded = await new Uploader(this.api).upload(file, kind, bar?.update)
    bar?.end()
    return {...uploaded.raw, type: kind, ...(uploaded.transform ? {transform: uploaded.transform} : {})}
  }
}

function kindFromUrl(url: string): MediaKind {
  const kind = kindOfExtension(extensionOf(new URL(url).pathname))
  if (!kind) {
    throw validationError(
      `Cannot tell the media type of ${url} from its name (accepted extensions: ${Object.values(EXTENSIONS).flat().join(', ')})`,
    )
  }

  return kind
}

/** A byte bar redrawn on one stderr line (a terminal only), at most every 100 ms and once at the end. */
async function byteBarOn(stderr: OutputStream): Promise<{update(sent: number, total: number): void; end(): void}> {
  const {byteBar} = await import('../../progress/format.js')
  let last = 0
  let shown = false
  let latest: [number, number] = [0, 0]
  const draw = () => {
    stderr.write(`\r\u001B[2KUploading ${byteBar(...latest)}`)
    shown = true
  }

  return {
    update(sent, total) {
      latest = [sent, total]
      if (Date.now() - last < 100 && sent < total) return
      last = Date.now()
      draw()
    },
    end() {
      if (shown) {
        draw()
        stderr.write('\n')
      }
    },
  }
}
