import {classifyMediaInput} from '../../api/media-input.js'
import {CreateCommand, type CreationResult} from '../../base/create-command.js'
import * as flag from '../../base/creation-flags.js'
import {resolveTextInput} from '../../util/text-input.js'

export default class CreateVideo extends CreateCommand<typeof CreateVideo> {
  static description = `Create a video from a text prompt, or from an image and a prompt.

Waits for the result by default (2 s / 5 s / 10 s polling) and prints it; --no-wait prints the id at once. Unsupported quality, duration or aspect ratio values for the chosen model are replaced with a warning on stderr; a model that is not a video model is an error (exit 6).`

  static examples = [
    '<%= config.bin %> create video --prompt "a cat surfing at sunset" --json',
    '<%= config.bin %> create video --prompt prompt.txt --image ./cat.png --model v6 --duration 8 --quality 1080p',
    'echo "a neon city" | <%= config.bin %> create video --prompt - --no-wait --json',
  ]

  static flags = {
    prompt: flag.prompt({required: true}),
    image: flag.image({description: 'Start from this image (image to video)'}),
    model: flag.model('video'),
    duration: flag.duration(),
    quality: flag.quality('video'),
    'aspect-ratio': flag.aspectRatio('video'),
    seed: flag.seed(),
    count: flag.count(),
    audio: flag.audio(),
    'multi-shot': flag.multiShot(),
    'off-peak': flag.offPeak(),
    'idempotency-key': flag.idempotencyKey(),
  }

  async run(): Promise<CreationResult> {
    const {flags} = this
    const promptFlag = this.requireFlag(flags.prompt, '--prompt')
    const image = flags.image ? classifyMediaInput('--image', flags.image) : undefined
    const stored = this.storedDefaults('video')
    const {resolveModel, resolveCreationParams} = await import('../../catalog/resolve.js')
    const resolved = resolveModel('video', flags.model, {stored: stored.model as string | undefined})
    const model = resolved.model as string
    const {values, warnings} = resolveCreationParams(
      'video',
      model,
      {
        quality: flags.quality,
        duration: flags.duration,
        aspectRatio: flags['aspect-ratio'],
        audio: flags.audio,
        multiShot: flags['multi-shot'],
        offPeak: flags['off-peak'] || undefined,
        count: flags.count,
        imageCount: image ? 1 : 0,
      },
      {defaults: stored},
    )
    warnings.unshift(...resolved.warnings)
    this.warnAll(warnings)
    const prompt = await resolveTextInput(promptFlag)
    const body: Record<string, unknown> = {
      prompt,
      model,
      duration: values.duration,
      quality: values.quality,
      create_count: values.count ?? 1,
      ...(image ? {} : {aspect_ratio: values.aspect_ratio}),
      ...(flags.seed === undefined ? {} : {seed: flags.seed}),
      ...(values.audio ? {audio: 1} : {}),
      ...(values.multi_shot ? {multi_shot: 1} : {}),
      ...(values.off_peak ? {off_peak: 1} : {}),
    }
    if (image) body.customer_img_path = await (await this.media()).image('--image', image)
    return this.submit({kind: 'video', path: image ? 'video/i2v' : 'video/t2v', body}, flags['idempotency-key'])
  }
}
