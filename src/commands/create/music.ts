import {CreateCommand, type CreationResult} from '../../base/create-command.js'
import {musicCreation} from '../../creations/music.js'

export default class CreateMusic extends CreateCommand<typeof CreateMusic> {
  static description = `Create a music track from a prompt, with your lyrics, generated lyrics, or none.

--instrumental wins over --auto-lyrics, which wins over --lyrics; lyric-capable models need one of the three. Google Lyria takes no --lyrics but accepts reference images (--image).`

  static examples = [
    '<%= config.bin %> create music --prompt "upbeat synthwave" --instrumental --json',
    '<%= config.bin %> create music --prompt "a folk ballad" --lyrics lyrics.txt --duration-seconds 60 --output ./song.mp3',
    '<%= config.bin %> create music --model lyria-3-pro-preview --prompt "music for this scene" --image ./scene.jpg --auto-lyrics',
  ]

  static flags = musicCreation.flags

  async run(): Promise<CreationResult> {
    return this.create(musicCreation, this.flags)
  }
}
