import * as Flags from '@oclif/core/flags'

import {CreateCommand, type CreationResult} from '../../base/create-command.js'
import * as flag from '../../base/creation-flags.js'
import * as media from '../../base/media-flags.js'
import {speechCreation} from '../../creations/speech.js'

export default class CreateSpeech extends CreateCommand<typeof CreateSpeech> {
  static description = `Lip-sync speech onto a video, from an audio file or from text (text to speech).

For a standalone audio file use \`create voice\` instead.`

  static examples = [
    '<%= config.bin %> create speech --video 123456 --tts-text "Hello there" --json',
    '<%= config.bin %> create speech --video ./talk.mp4 --audio ./voice.mp3 --keep-original-sound',
  ]

  static flags = {
    video: media.video({description: 'The video to lip-sync. Required'}),
    audio: media.audioFile({description: 'The speech to lip-sync (instead of --tts-text)'}),
    'tts-text': Flags.string({
      description: 'Text to speak (instead of --audio): literal text, a path to a text file, or - to read stdin.',
    }),
    'tts-speaker': Flags.string({description: 'Speaker id for --tts-text. [default: Auto]'}),
    model: flag.model('speech'),
    'keep-original-sound': media.keepOriginalSound(),
    count: flag.count(),
    'off-peak': flag.offPeak(),
    'idempotency-key': flag.idempotencyKey(),
  }

  async run(): Promise<CreationResult> {
    return this.create(speechCreation, this.flags)
  }
}
