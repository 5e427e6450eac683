import {CreateCommand, type CreationResult} from '../../base/create-command.js'
import {imageCreation} from '../../creations/image.js'

export default class CreateImage extends CreateCommand<typeof CreateImage> {
  static description = `Create an image from a text prompt, or from reference images and a prompt.

With --image or --images it is image-to-image; how many references a model takes comes from the catalogue (\`pixverse create image --help\` lists the models). --detail-level only works with gpt-image-2.0.`

  static examples = [
    '<%= config.bin %> create image --prompt "a fox in the snow" --json',
    '<%= config.bin %> create image --prompt "same fox, in summer" --image ./fox.png --model gemini-3.1-flash --aspect-ratio auto',
    '<%= config.bin %> create image --prompt "a poster" --detail-level high --quality 2160p --count 2 --json',
  ]

  static flags = imageCreation.flags

  async run(): Promise<CreationResult> {
    return this.create(imageCreation, this.flags)
  }
}
