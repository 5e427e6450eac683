import {musicModel} from '../catalog/index.js'
import type {IOStreams} from '../context/streams.js'
import {asking} from './cancel.js'
import {flagPair} from './flag-words.js'
import type {MediaAsk} from './media-question.js'
import {promptContext} from './prompt-io.js'
import type {WizardService} from './service.js'

type Words = 'instrumental' | 'auto-lyrics' | 'lyrics'

export interface PickedMusic {
  argv: string[]
  summary: [string, string][]
  /** The price `music/models` quotes for the model, when it does (the one source of a music cost). */
  credits?: number
}

/**
 * The music questions after the model: the words (none, the model's own, or yours, as far as the
 * model allows them, from the catalogue) and, for models that take them, reference images.
 */
export async function pickMusic(
  service: WizardService,
  model: string,
  ask: MediaAsk,
  streams: IOStreams,
): Promise<PickedMusic> {
  const {input, select} = await import('@inquirer/prompts')
  const io = () => promptContext(streams)
  const spec = musicModel(model)
  const argv: string[] = []
  const summary: [string, string][] = []
  const choices: Array<{value: Words; name: string}> = []
  if (spec?.lyrics !== false) choices.push({value: 'lyrics', name: 'My own lyrics'})
  if (spec?.autoLyrics !== false) choices.push({value: 'auto-lyrics', name: 'Lyrics written by the model'})
  if (spec?.instrumental !== false) choices.push({value: 'instrumental', name: 'Instrumental (no vocals)'})
  const words =
    choices.length === 1
      ? choices[0].value
      : await asking(() => select({message: 'Words', choices, default: 'auto-lyrics'}, io()))
  if (words === 'lyrics') {
    const max = spec?.lyrics ? spec.lyrics.maxChars : undefined
    const lyrics = await asking(() =>
      input(
        {
          message: 'Lyrics (text, or a path to a text file):',
          validate: (value) => (value.trim() === '' ? 'Type the lyrics, or a path to a file with them' : true),
        },
        io(),
      ),
    )
    argv.push(...flagPair('lyrics', lyrics.trim()))
    summary.push(['lyrics', lyrics.trim().length > 60 ? `${lyrics.trim().slice(0, 57)}…` : lyrics.trim()])
    if (max !== undefined) summary.push(['lyrics limit', `${max} characters`])
  } else {
    argv.push(`--${words}`)
    summary.push(['words', words === 'instrumental' ? 'instrumental' : 'written by the model'])
  }

  const images: string[] = []
  while (images.length < (spec?.maxImages ?? 0)) {
    const image = await ask({
      flag: 'image',
      kind: 'image',
      label: `Reference image ${images.length + 1} of up to ${spec?.maxImages}`,
      optional: true,
    })
    if (image === '') break
    images.push(image)
  }

  for (const image of images) argv.push('--image', image)
  if (images.length > 0) summary.push(['image', images.join(', ')])
  return {argv, summary, credits: await quotedCredits(service, model)}
}

/** `music/models` lists each model's credits; a failure only means the cost stays unknown. */
async function quotedCredits(service: WizardService, model: string): Promise<number | undefined> {
  try {
    const resp = await service.get<{provider_groups?: Array<{models?: Array<{model?: string; credits?: unknown}>}>}>(
      'music/models',
    )
    const hit = (resp?.provider_groups ?? []).flatMap((g) => g.models ?? []).find((m) => m.model === model)
    return typeof hit?.credits === 'number' && hit.credits >= 0 ? hit.credits : undefined
  } catch {
    return undefined
  }
}
