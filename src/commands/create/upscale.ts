import {CreateCommand, type CreationResult} from '../../base/create-command.js'
import {upscaleCreation} from '../../creations/upscale.js'

export default class CreateUpscale extends CreateCommand<typeof CreateUpscale> {
  static description = 'Upscale a video to a higher resolution. [default quality: 2160p]'

  static examples = [
    '<%= config.bin %> create upscale --video 123456 --json',
    '<%= config.bin %> create upscale --video ./clip.mp4 --quality 1080p --no-wait --json',
  ]

  static flags = upscaleCreation.flags

  async run(): Promise<CreationResult> {
    return this.create(upscaleCreation, this.flags)
  }
}
