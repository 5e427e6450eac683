import {CreateCommand, type CreationResult} from '../../base/create-command.js'
import * as flag from '../../base/creation-flags.js'
import * as media from '../../base/media-flags.js'
import {modifyCreation} from '../../creations/modify.js'

export default class CreateModify extends CreateCommand<typeof CreateModify> {
  static description = `Modify a video from a key frame with a prompt (and up to a few reference images, @image1…).`

  static examples = [
    '<%= config.bin %> create modify --video 123456 --prompt "make the car red" --json',
    '<%= config.bin %> create modify --video ./clip.mp4 --prompt "give @image1 the hat" --images hat.png --keyframe-time 1500',
  ]

  static flags = {
    video: media.video({description: 'The video to modify. Required'}),
    prompt: flag.prompt({required: true}),
    images: flag.images({description: 'Reference images (@image1, @image2, …)'}),
    'keyframe-time': media.integer('--keyframe-time', {
      description: 'Key frame time in milliseconds (0 = first frame). [default: 0]',
      min: 0,
    }),
    model: flag.model('modify'),
    quality: flag.quality('modify'),
    seed: flag.seed(),
    count: flag.count(),
    'off-peak': flag.offPeak(),
    'idempotency-key': flag.idempotencyKey(),
  }

  async run(): Promise<CreationResult> {
    return this.create(modifyCreation, this.flags)
  }
}
