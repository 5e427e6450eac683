import {CreateCommand, type CreationResult} from '../../base/create-command.js'
import {soundCreation} from '../../creations/sound.js'

export default class CreateSound extends CreateCommand<typeof CreateSound> {
  static description = `Add AI sound effects to a video, described by a prompt.

For standalone music use \`create music\`.`

  static examples = [
    '<%= config.bin %> create sound --video 123456 --prompt "rain and distant thunder" --json',
    '<%= config.bin %> create sound --video ./clip.mp4 --prompt "crowd cheering" --keep-original-sound',
  ]

  static flags = soundCreation.flags

  async run(): Promise<CreationResult> {
    return this.create(soundCreation, this.flags)
  }
}
