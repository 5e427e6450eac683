import {CreateCommand, type CreationResult} from '../../base/create-command.js'
import {transitionCreation} from '../../creations/transition.js'

export default class CreateTransition extends CreateCommand<typeof CreateTransition> {
  static description = `Create a video that moves through key frames (2 or more images, in order).

Two frames use the chosen model; 3 or more frames are only supported by v5, which is used instead (with a warning), and --count has no effect then.`

  static examples = [
    '<%= config.bin %> create transition --images start.png end.png --prompt "day turns to night" --json',
    '<%= config.bin %> create transition --images a.png b.png c.png --duration 5 --no-wait --json',
  ]

  static flags = transitionCreation.flags

  async run(): Promise<CreationResult> {
    return this.create(transitionCreation, this.flags)
  }
}
