import {CreateCommand, type CreationResult} from '../../base/create-command.js'
import {motionControlCreation} from '../../creations/motion-control.js'

export default class CreateMotionControl extends CreateCommand<typeof CreateMotionControl> {
  static description = `Make the character of an image move like the person in a video.

The image is checked first: it must show one person, half or full body (exit 6 otherwise).`

  static examples = [
    '<%= config.bin %> create motion-control --image ./me.png --video ./dance.mp4 --json',
    '<%= config.bin %> create motion-control --image 5001 --video 123456 --quality 720p --no-wait --json',
  ]

  static flags = motionControlCreation.flags

  async run(): Promise<CreationResult> {
    return this.create(motionControlCreation, this.flags)
  }
}
