import {CreateCommand, type CreationResult} from '../../base/create-command.js'
import {voiceCreation} from '../../creations/voice.js'

export default class CreateVoice extends CreateCommand<typeof CreateVoice> {
  static description = `Turn text into speech (a standalone audio file).

Voice settings depend on the provider: MiniMax models take --speed, --volume, --pitch, --emotion; ElevenLabs models take --stability, --similarity-boost, --speed (and eleven-multilingual-v2 also --style, --use-speaker-boost). A flag of the other provider is an error (exit 6). Find a voice with \`pixverse voice presets\`.`

  static examples = [
    '<%= config.bin %> create voice --text "Welcome to PixVerse" --voice-id v1 --json',
    '<%= config.bin %> create voice --text script.txt --model eleven-multilingual-v2 --voice-id v2 --stability 0.4 --output ./voice.mp3',
    'echo "Hello" | <%= config.bin %> create voice --text - --voice-id v1 --emotion happy --no-wait --json',
  ]

  static flags = voiceCreation.flags

  async run(): Promise<CreationResult> {
    return this.create(voiceCreation, this.flags)
  }
}
