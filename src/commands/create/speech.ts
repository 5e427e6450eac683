import {CreateCommand, type CreationResult} from '../../base/create-command.js'
import {speechCreation} from '../../creations/speech.js'

export default class CreateSpeech extends CreateCommand<typeof CreateSpeech> {
  static description = `Lip-sync speech onto a video, from an audio file or from text (text to speech).

For a standalone audio file use \`create voice\` instead.`

  static examples = [
    '<%= config.bin %> create speech --video 123456 --tts-text "Hello there" --json',
    '<%= config.bin %> create speech --video ./talk.mp4 --audio ./voice.mp3 --keep-original-sound',
  ]

  static flags = speechCreation.flags

  async run(): Promise<CreationResult> {
    return this.create(speechCreation, this.flags)
  }
}
