import {CreateCommand, type CreationResult} from '../../base/create-command.js'
import {modifyCreation} from '../../creations/modify.js'

export default class CreateModify extends CreateCommand<typeof CreateModify> {
  static description = `Modify a video from a key frame with a prompt (and up to a few reference images, @image1…).`

  static examples = [
    '<%= config.bin %> create modify --video 123456 --prompt "make the car red" --json',
    '<%= config.bin %> create modify --video ./clip.mp4 --prompt "give @image1 the hat" --images hat.png --keyframe-time 1500',
  ]

  static flags = modifyCreation.flags

  async run(): Promise<CreationResult> {
    return this.create(modifyCreation, this.flags)
  }
}
