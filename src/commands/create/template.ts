import {CreateCommand, type CreationResult} from '../../base/create-command.js'
import {templateCreation} from '../../creations/template.js'

export default class CreateTemplate extends CreateCommand<typeof CreateTemplate> {
  static description = `Create a video or an image from an effect template.

The template says what it takes: nothing, one image (or one video for video templates that accept one), or exactly N images; \`pixverse template info <id>\` shows it. Image templates return an image result.`

  static examples = [
    '<%= config.bin %> template list --json',
    '<%= config.bin %> create template --template-id 315001 --image ./me.jpg --json',
    '<%= config.bin %> create template --template-id 315002 --image a.jpg b.jpg --no-wait --json',
  ]

  static flags = templateCreation.flags

  async run(): Promise<CreationResult> {
    return this.create(templateCreation, this.flags)
  }
}
