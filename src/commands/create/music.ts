import * as Flags from '@oclif/core/flags'

import {CreateCommand, type CreationResult} from '../../base/create-command.js'
import * as flag from '../../base/creation-flags.js'
import * as media from '../../base/media-flags.js'
import {musicCreation} from '../../creations/music.js'

export default class CreateMusic extends CreateCommand<typeof CreateMusic> {
  static description = `Create a music track from a prompt, with your lyrics, generated lyrics, or none.

--instrumental wins over --auto-lyrics, which wins over --lyrics; lyric-capable models need one of the three. Google Lyria takes no --lyrics but accepts reference images (--image).`

  static examples = [
    '<%= config.bin %> create music --prompt "upbeat synthwave" --instrumental --json',
    '<%= config.bin %> create music --prompt "a folk ballad" --lyrics lyrics.txt --duration-seconds 60 --output ./song.mp3',
    '<%= config.bin %> create music --model lyria-3-pro-preview --prompt "music for this scene" --image ./scene.jpg --auto-lyrics',
  ]

  static flags = {
    prompt: flag.prompt({required: true, description: 'Style and mood of the music'}),
    lyrics: Flags.string({description: 'Lyrics: literal text, a path to a text file, or - to read stdin.'}),
    model: flag.model('music'),
    instrumental: Flags.boolean({description: 'No vocals (ignores --auto-lyrics and --lyrics).'}),
    'auto-lyrics': Flags.boolean({description: 'Let the model write the lyrics (ignores --lyrics).'}),
    'duration-auto': Flags.boolean({
      allowNo: true,
      description: 'Let the model choose the length (--no-duration-auto needs --duration-seconds). [default: on]',
    }),
    'duration-seconds': media.integer('--duration-seconds', {
      description: 'Length in seconds (turns --duration-auto off).',
      min: 1,
    }),
    image: flag.images({description: 'Reference images (Google Lyria only)'}),
    'client-request-id': media.clientRequestId(),
    output: media.output(),
  }

  async run(): Promise<CreationResult> {
    const output = this.audioOutput(this.flags.output)
    const result = await this.create(musicCreation, this.flags)
    return this.saveOutput(result, output)
  }
}
