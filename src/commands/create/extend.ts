import {CreateCommand, type CreationResult} from '../../base/create-command.js'
import {extendCreation} from '../../creations/extend.js'

export default class CreateExtend extends CreateCommand<typeof CreateExtend> {
  static description = `Continue a video: the new clip starts from its last frame.

Without --quality the source video's quality is kept when the model supports it.`

  static examples = [
    '<%= config.bin %> create extend --video 123456 --prompt "the camera pulls back" --json',
    '<%= config.bin %> create extend --video ./clip.mp4 --duration 5 --model v6 --no-wait --json',
  ]

  static flags = extendCreation.flags

  async run(): Promise<CreationResult> {
    return this.create(extendCreation, this.flags)
  }
}
