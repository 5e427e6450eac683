import {type CreationModelSpec, type Mode, modeSpec, modelSpec, modelsFor, displayName} from '../catalog/index.js'
import type {IOStreams} from '../context/streams.js'
import type {Creation} from '../creations/define.js'
import type {CreationName} from '../creations/index.js'
import {asking, cancelled} from './cancel.js'
import {answerArgv, modelChoices, paramQuestions} from './choices.js'
import {shellQuote} from '../util/shell-quote.js'
import {flagPair} from './flag-words.js'
import {mediaAsker, mediaKindOf} from './media-question.js'
import {promptContext} from './prompt-io.js'
import type {WizardService} from './service.js'

/** What the wizard reads of a flag: its kind, whether it takes several values, whether it accepts --no-. */
interface WizardFlag {
  type: string
  multiple?: boolean
  allowNo?: boolean
}

/** What the wizard needs to know about the command it fills in. */
export interface WizardContext {
  /** `create <name>`. */
  name: CreationName
  /** Its definition: the flags to fill in and the ones that are required. */
  creation: Creation
  /** Built-in defaults merged with the user's `config defaults` (snake_case keys). */
  defaults: Record<string, unknown>
  /** The service, for the choices only it knows (templates, voices, prices); read-only calls. */
  service: WizardService
  /** Human notes on stderr (the summary). */
  say(line: string): void
  /** The command's streams: questions are read from its stdin and drawn on its stderr. */
  streams: IOStreams
}

/**
 * Asks a person for a creation, in the order they think of it: what (a template; the prompt; the
 * inputs), with which model, then what that model needs (a voice, the words of a song) and only the
 * options it accepts; shows a summary with the cost to confirm. Returns the argv an agent would have
 * typed, so the command then runs exactly the flag path (validation, submit).
 */
export async function runCreateWizard(ctx: WizardContext): Promise<string[]> {
  const {input, select, confirm} = await import('@inquirer/prompts')
  const io = () => promptContext(ctx.streams)
  const askMedia = mediaAsker(ctx.streams)
  const argv: string[] = []
  const summary: [string, string][] = []
  const {mode, required} = ctx.creation
  const flags: Record<string, WizardFlag> = ctx.creation.flags
  const spec = modeSpec(mode)
  let hasImage = false
  let credits: number | undefined

  // 0. A template decides what else it takes, so it comes first.
  if (mode === 'template') {
    const {pickTemplate} = await import('./pick-template.js')
    const picked = await pickTemplate(ctx.service, askMedia, ctx.streams)
    argv.push(...picked.argv)
    summary.push(...picked.summary)
    hasImage = picked.hasImage
  }

  // 1. The text: a prompt for most modes, `--text` for speech-like ones (music's lyrics come with its words).
  for (const name of ['prompt', 'text']) {
    const flag = flags[name]
    if (!flag) continue
    const needed = required.includes(name)
    const answer = await asking(() =>
      input(
        {
          message: `${name[0].toUpperCase()}${name.slice(1)}${needed ? '' : ' (optional)'}:`,
          validate: (value) => (needed && value.trim() === '' ? `--${name} is required` : true),
        },
        io(),
      ),
    )
    if (answer.trim() !== '') {
      argv.push(...flagPair(name, answer.trim()))
      summary.push([name, answer.trim()])
    }
  }

  // 2. Inputs (images, videos, audios), validated as they are typed.
  const counts: Record<string, number> = {}
  for (const [key, limit] of Object.entries(spec.inputs)) {
    const flagName = flags[key] ? key : key.endsWith('s') && flags[key.slice(0, -1)] ? key.slice(0, -1) : undefined
    // A single-value flag takes one input whatever the catalogue allows elsewhere.
    const max =
      flagName && !flags[flagName].multiple
        ? Math.min(1, inputMax(mode, key, limit.max))
        : inputMax(mode, key, limit.max)
    if (!flagName || max === 0) continue
    const kind = mediaKindOf(key)
    const values: string[] = []
    while (values.length < max) {
      const n = values.length + 1
      const label = max === 1 ? `${cap(kind)}` : `${cap(kind)} ${n}${limit.min > 1 ? ` of at least ${limit.min}` : ''}`
      const answer = await askMedia({flag: flagName, kind, label, optional: values.length >= limit.min})
      if (answer === '') break
      values.push(answer)
    }

    counts[key] = values.length
    for (const value of values) argv.push(...flagPair(flagName, value))
    if (values.length > 0) summary.push([flagName, values.join(', ')])
  }

  // The source video (and speech's audio) of the modes that work on one: the catalogue has no limit
  // for them, the command's flag says whether it is required. A template asked for its own above.
  let spoken = false
  for (const name of mode === 'template' ? [] : ['video', 'audio']) {
    const flag = flags[name]
    if (!flag || flag.type !== 'option' || counts[name] !== undefined || counts[`${name}s`] !== undefined) continue
    const answer = await askMedia({
      flag: name,
      kind: mediaKindOf(name),
      label: cap(name),
      optional: !required.includes(name),
    })
    if (answer === '') continue
    argv.push(...flagPair(name, answer))
    summary.push([name, answer])
    spoken ||= name === 'audio'
  }

  // Lip sync speaks an audio file or a text: without the one, the other.
  if (flags['tts-text'] && !spoken) {
    const text = await asking(() =>
      input(
        {
          message: 'Text to speak:',
          validate: (value) => (value.trim() === '' ? 'Type the words, or go back and give an audio file' : true),
        },
        io(),
      ),
    )
    argv.push(...flagPair('tts-text', text.trim()))
    summary.push(['text to speak', text.trim()])
  }

  hasImage ||= (counts.image ?? 0) + (counts.images ?? 0) > 0

  // 3. The model: only those the catalogue allows with these inputs.
  let model: string | undefined
  if (flags.model && modelsFor(mode).length > 0) {
    const choices = modelChoices(mode, hasImage).filter((id) => acceptsCounts(mode, id, counts))
    const preferred = choices.find((id) => id === ctx.defaults.model) ?? choices[0]
    model = await asking(() =>
      select(
        {
          message: 'Model',
          choices: choices.map((id) => ({value: id, name: `${id}  ${displayName(id) ?? ''}`.trimEnd()})),
          default: preferred,
          pageSize: 12,
        },
        io(),
      ),
    )
    argv.push('--model', model)
    summary.push(['model', model])
  }

  // 4. What the model needs next: a voice of its own, or the words of a song.
  if (spec.kind === 'voice' && model) {
    const {pickVoice} = await import('./pick-voice.js')
    const picked = await pickVoice(ctx.service, model, ctx.streams)
    argv.push(...picked.argv)
    summary.push(...picked.summary)
  }

  if (spec.kind === 'music' && model) {
    const {pickMusic} = await import('./pick-music.js')
    const picked = await pickMusic(ctx.service, model, askMedia, ctx.streams)
    argv.push(...picked.argv)
    summary.push(...picked.summary)
    credits = picked.credits
  }

  // 5. The options that model accepts, defaults from `config defaults`. A template sets its own length.
  for (const question of paramQuestions(mode, model, ctx.defaults, hasImage)) {
    const flag = flags[question.flag]
    if (!flag || (mode === 'template' && question.param === 'duration')) continue
    if (question.type === 'select' && question.choices.length === 1) {
      // Nothing to choose: say what it will be rather than ask.
      ctx.say(`✔ ${question.message} ${question.choices[0]} (the only choice${model ? ` for ${model}` : ''})`)
      argv.push(...answerArgv(question, question.choices[0], Boolean(flag.allowNo)))
      summary.push([question.param.replace(/_/g, ' '), question.choices[0]])
      continue
    }

    const answer =
      question.type === 'confirm'
        ? await asking(() => confirm({message: question.message, default: question.default}, io()))
        : await asking(() =>
            select(
              {
                message: question.message,
                choices: question.choices.map((value) => ({value})),
                default: question.default,
              },
              io(),
            ),
          )
    argv.push(...answerArgv(question, answer, Boolean(flag.allowNo)))
    summary.push([
      question.param.replace(/_/g, ' '),
      typeof answer === 'boolean' ? (answer ? 'yes' : 'no') : String(answer),
    ])
  }

  // 6. Summary and confirmation.
  ctx.say('')
  ctx.say(`Create: ${spec.title}`)
  const width = Math.max(4, ...summary.map(([key]) => key.length))
  for (const [key, value] of summary) ctx.say(`  ${key.padEnd(width)}  ${value}`)
  ctx.say(
    `  ${'cost'.padEnd(width)}  ${credits === undefined ? 'not known before submitting (the service reports it once the task is created)' : `${credits} credits`}`,
  )
  ctx.say(`  equivalent: pixverse create ${ctx.name} ${argv.map(shellQuote).join(' ')}`)
  const go = await asking(() => confirm({message: 'Submit?', default: true}, io()))
  if (!go) throw cancelled()
  return argv
}

/** The most inputs of a kind any model of the mode accepts (mode limits when it has no models). */
function inputMax(mode: Mode, key: string, modeMax: number | undefined): number {
  const models = modelsFor(mode)
  if (models.length === 0 || modeSpec(mode).kind === 'voice' || modeSpec(mode).kind === 'music') return modeMax ?? 1
  let max = 0
  for (const id of models) {
    const limit = (modelSpec(mode, id) as CreationModelSpec | undefined)?.inputs[key]
    if (limit) max = Math.max(max, limit.max ?? 9)
  }

  return max
}

function acceptsCounts(mode: Mode, model: string, counts: Record<string, number>): boolean {
  const spec = modelSpec(mode, model) as CreationModelSpec | undefined
  if (!spec || !('inputs' in spec)) return true
  return Object.entries(counts).every(([key, n]) => {
    const limit = spec.inputs[key]
    if (!limit) return n === 0
    return n >= limit.min && (limit.max === undefined || n <= limit.max)
  })
}

function cap(text: string): string {
  return text[0].toUpperCase() + text.slice(1)
}
