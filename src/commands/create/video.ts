import {CreateCommand, type CreationResult} from '../../base/create-command.js'
import {videoCreation} from '../../creations/video.js'

export default class CreateVideo extends CreateCommand<typeof CreateVideo> {
  static description = `Create a video from a text prompt, or from an image and a prompt.

Waits for the result by default (2 s / 5 s / 10 s polling) and prints it; --no-wait prints the id at once. Unsupported quality, duration or aspect ratio values for the chosen model are replaced with a warning on stderr; a model that is not a video model is an error (exit 6).`

  static examples = [
    '<%= config.bin %> create video --prompt "a cat surfing at sunset" --json',
    '<%= config.bin %> create video --prompt prompt.txt --image ./cat.png --model v6 --duration 8 --quality 1080p',
    'echo "a neon city" | <%= config.bin %> create video --prompt - --no-wait --json',
  ]

  static flags = videoCreation.flags

  async run(): Promise<CreationResult> {
    return this.create(videoCreation, this.flags)
  }
}
