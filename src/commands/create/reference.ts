import {CreateCommand, type CreationResult} from '../../base/create-command.js'
import {referenceCreation} from '../../creations/reference.js'

export default class CreateReference extends CreateCommand<typeof CreateReference> {
  static description = `Create a video featuring the subjects of reference images ("fusion").

Refer to the inputs in the prompt as @image1, @image2, … (and @video1, @audio1). Seedance 2.0 models also take reference videos (--videos) and audio clips (--audios); how many, and how long, comes from the catalogue.`

  static examples = [
    '<%= config.bin %> create reference --images cat.png hat.png --prompt "@image1 wearing @image2" --json',
    '<%= config.bin %> create reference --model seedance-2.0-fast --images cat.png --videos dance.mp4 --audios beat.mp3 --prompt "@image1 dances like @video1 to @audio1"',
  ]

  static flags = referenceCreation.flags

  async run(): Promise<CreationResult> {
    return this.create(referenceCreation, this.flags)
  }
}
