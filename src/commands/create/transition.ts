import {CreateCommand, type CreationResult} from '../../base/create-command.js'
import * as flag from '../../base/creation-flags.js'
import {transitionCreation} from '../../creations/transition.js'

export default class CreateTransition extends CreateCommand<typeof CreateTransition> {
  static description = `Create a video that moves through key frames (2 or more images, in order).

Two frames use the chosen model; 3 or more frames are only supported by v5, which is used instead (with a warning), and --count has no effect then.`

  static examples = [
    '<%= config.bin %> create transition --images start.png end.png --prompt "day turns to night" --json',
    '<%= config.bin %> create transition --images a.png b.png c.png --duration 5 --no-wait --json',
  ]

  static flags = {
    images: flag.images({description: 'The key frames, in order (at least 2). Required'}),
    prompt: flag.prompt({description: 'How to move between the frames'}),
    model: flag.model('transition', ['transition_multi']),
    quality: flag.quality('transition'),
    duration: flag.duration(),
    seed: flag.seed(),
    count: flag.count(),
    audio: flag.audio(),
    'off-peak': flag.offPeak(),
    'idempotency-key': flag.idempotencyKey(),
  }

  async run(): Promise<CreationResult> {
    return this.create(transitionCreation, this.flags)
  }
}
