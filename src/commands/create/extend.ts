import {CreateCommand, type CreationResult} from '../../base/create-command.js'
import * as flag from '../../base/creation-flags.js'
import * as media from '../../base/media-flags.js'
import {extendCreation} from '../../creations/extend.js'

export default class CreateExtend extends CreateCommand<typeof CreateExtend> {
  static description = `Continue a video: the new clip starts from its last frame.

Without --quality the source video's quality is kept when the model supports it.`

  static examples = [
    '<%= config.bin %> create extend --video 123456 --prompt "the camera pulls back" --json',
    '<%= config.bin %> create extend --video ./clip.mp4 --duration 5 --model v6 --no-wait --json',
  ]

  static flags = {
    video: media.video({description: 'The video to extend. Required'}),
    'video-id': media.video({description: 'Alias of --video', hidden: true}),
    prompt: flag.prompt({description: 'What happens next'}),
    model: flag.model('extend'),
    quality: flag.quality('extend'),
    duration: flag.duration(),
    seed: flag.seed(),
    count: flag.count(),
    audio: flag.audio(),
    'off-peak': flag.offPeak(),
    'idempotency-key': flag.idempotencyKey(),
  }

  async run(): Promise<CreationResult> {
    return this.create(extendCreation, this.flags)
  }
}
