import * as Flags from '@oclif/core/flags'

import {CreateCommand, type CreationResult} from '../../base/create-command.js'
import * as flag from '../../base/creation-flags.js'
import * as media from '../../base/media-flags.js'
import {voiceCreation} from '../../creations/voice.js'

export default class CreateVoice extends CreateCommand<typeof CreateVoice> {
  static description = `Turn text into speech (a standalone audio file).

Voice settings depend on the provider: MiniMax models take --speed, --volume, --pitch, --emotion; ElevenLabs models take --stability, --similarity-boost, --speed (and eleven-multilingual-v2 also --style, --use-speaker-boost). A flag of the other provider is an error (exit 6). Find a voice with \`pixverse voice presets\`.`

  static examples = [
    '<%= config.bin %> create voice --text "Welcome to PixVerse" --voice-id v1 --json',
    '<%= config.bin %> create voice --text script.txt --model eleven-multilingual-v2 --voice-id v2 --stability 0.4 --output ./voice.mp3',
    'echo "Hello" | <%= config.bin %> create voice --text - --voice-id v1 --emotion happy --no-wait --json',
  ]

  static flags = {
    text: flag.prompt({required: true, description: 'What to say', flag: '--text'}),
    model: flag.model('voice'),
    'voice-id': Flags.string({
      description: 'Voice preset id (from `pixverse voice presets`). This or --provider-voice-id is required.',
    }),
    'provider-voice-id': Flags.string({description: "The provider's own voice id."}),
    language: Flags.string({description: 'Language code, or auto. [default: auto]'}),
    speed: Flags.string({description: 'Speaking speed (MiniMax 0.5-2, ElevenLabs 0.7-1.2). [default: 1]'}),
    volume: Flags.string({description: 'Volume, 0-10 (MiniMax). [default: 1]'}),
    pitch: Flags.string({description: 'Pitch, -12 to 12 (MiniMax). [default: 0]'}),
    emotion: Flags.string({
      description:
        'Emotion (MiniMax): auto, happy, sad, angry, fearful, disgusted, surprised, calm, fluent, whisper. [default: auto]',
    }),
    stability: Flags.string({description: 'Stability, 0-1 (ElevenLabs). [default: 0.5]'}),
    'similarity-boost': Flags.string({description: 'Similarity boost, 0-1 (ElevenLabs). [default: 0.75]'}),
    style: Flags.string({description: 'Style, 0-1 (eleven-multilingual-v2). [default: 0]'}),
    'use-speaker-boost': Flags.boolean({
      allowNo: true,
      description: 'Speaker boost (eleven-multilingual-v2). [default: on]',
    }),
    'client-request-id': media.clientRequestId(),
    output: media.output(),
  }

  async run(): Promise<CreationResult> {
    const output = this.audioOutput(this.flags.output)
    const result = await this.create(voiceCreation, this.flags)
    return this.saveOutput(result, output)
  }
}
