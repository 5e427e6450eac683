import * as Flags from '@oclif/core/flags'

import {CreateCommand, type CreationResult} from '../../base/create-command.js'
import * as flag from '../../base/creation-flags.js'
import * as media from '../../base/media-flags.js'
import {templateCreation} from '../../creations/template.js'

export default class CreateTemplate extends CreateCommand<typeof CreateTemplate> {
  static description = `Create a video or an image from an effect template.

The template says what it takes: nothing, one image (or one video for video templates that accept one), or exactly N images; \`pixverse template info <id>\` shows it. Image templates return an image result.`

  static examples = [
    '<%= config.bin %> template list --json',
    '<%= config.bin %> create template --template-id 315001 --image ./me.jpg --json',
    '<%= config.bin %> create template --template-id 315002 --image a.jpg b.jpg --no-wait --json',
  ]

  static flags = {
    'template-id': media.integer('--template-id', {description: 'The template to use. Required', min: 1}),
    image: Flags.string({
      description: 'Input images, as many as the template takes: local files, https URLs, image ids or media paths.',
      multiple: true,
    }),
    video: media.video({description: 'Input video (templates that accept one)'}),
    prompt: flag.prompt({description: "Override the template's prompt"}),
    quality: flag.quality('template'),
    duration: flag.duration(),
    'aspect-ratio': flag.aspectRatio('template'),
    seed: flag.seed(),
    count: flag.count(),
    'off-peak': flag.offPeak(),
    'idempotency-key': flag.idempotencyKey(),
  }

  async run(): Promise<CreationResult> {
    return this.create(templateCreation, this.flags)
  }
}
