import {type CreationModelSpec, type Mode, modeSpec, modelSpec, modelsFor, displayName, musicModel} from '../catalog/index.js'
import {asking, cancelled} from './cancel.js'
import {answerArgv, modelChoices, paramQuestions} from './choices.js'
import {mediaKindOf, validateMediaAnswer} from './media-question.js'

/** What the wizard needs to know about the command it fills in. */
export interface WizardContext {
  mode: Mode
  /** Built-in defaults merged with the user's `config defaults` (snake_case keys). */
  defaults: Record<string, unknown>
  /** The command's own flags: name → whether it is required text, takes several values, accepts --no-. */
  flags: Record<string, {multiple?: boolean; allowNo?: boolean; required?: boolean; description?: string}>
  /** Human notes on stderr (the summary). */
  say(line: string): void
}

/**
 * Asks a person for a creation, in the order they think of it: what (prompt, inputs), with which
 * model, then only the options that model accepts; shows a summary to confirm. Returns the argv an
 * agent would have typed, so the command then runs exactly the flag path (validation, submit).
 */
export async function runCreateWizard(ctx: WizardContext): Promise<string[]> {
  const {input, select, confirm} = await import('@inquirer/prompts')
  const io = {output: process.stderr}
  const argv: string[] = []
  const summary: [string, string][] = []
  const spec = modeSpec(ctx.mode)

  // 1. The text: a prompt for most modes, `--text` for speech-like ones.
  for (const name of ['prompt', 'text', 'lyrics']) {
    const flag = ctx.flags[name]
    if (!flag) continue
    const required = Boolean(flag.required || flag.description?.includes('Required.'))
    const answer = await asking(() =>
      input(
        {
          message: `${name[0].toUpperCase()}${name.slice(1)}${required ? '' : ' (optional)'}:`,
          validate: (value) => (required && value.trim() === '' ? `--${name} is required` : true),
        },
        io,
      ),
    )
    if (answer.trim() !== '') {
      argv.push(...pair(name, answer.trim()))
      summary.push([name, answer.trim()])
    }
  }

  // 2. Inputs (images, videos, audios), validated as they are typed.
  const counts: Record<string, number> = {}
  for (const [key, limit] of Object.entries(spec.inputs)) {
    const flagName = ctx.flags[key] ? key : key.endsWith('s') && ctx.flags[key.slice(0, -1)] ? key.slice(0, -1) : undefined
    // A single-value flag takes one input whatever the catalogue allows elsewhere.
    const max = flagName && !ctx.flags[flagName].multiple ? Math.min(1, inputMax(ctx.mode, key, limit.max)) : inputMax(ctx.mode, key, limit.max)
    if (!flagName || max === 0) continue
    const kind = mediaKindOf(key)
    const values: string[] = []
    while (values.length < max) {
      const optional = values.length >= limit.min
      const n = values.length + 1
      const label = max === 1 ? `${cap(kind)}` : `${cap(kind)} ${n}${limit.min > 1 ? ` of at least ${limit.min}` : ''}`
      const answer = await asking(() =>
        input(
          {
            message: `${label} (file, https URL, asset id${optional ? '; empty to skip' : ''}):`,
            validate: (value) => validateMediaAnswer(`--${flagName}`, kind, value, optional),
          },
          io,
        ),
      )
      if (answer.trim() === '') break
      values.push(answer.trim())
    }

    counts[key] = values.length
    for (const value of values) argv.push(...pair(flagName, value))
    if (values.length > 0) summary.push([flagName, values.join(', ')])
  }

  const hasImage = (counts.image ?? 0) + (counts.images ?? 0) > 0

  // 3. The model: only those the catalogue allows with these inputs.
  let model: string | undefined
  if (ctx.flags.model && modelsFor(ctx.mode).length > 0) {
    const choices = modelChoices(ctx.mode, hasImage).filter((id) => acceptsCounts(ctx.mode, id, counts))
    const preferred = choices.find((id) => id === ctx.defaults.model) ?? choices[0]
    model = await asking(() =>
      select({message: 'Model', choices: choices.map((id) => ({value: id, name: `${id}  ${displayName(id) ?? ''}`.trimEnd()})), default: preferred, pageSize: 12}, io),
    )
    argv.push('--model', model)
    summary.push(['model', model])
  }

  // 4. The options that model accepts, defaults from `config defaults`.
  for (const question of paramQuestions(ctx.mode, model, ctx.defaults, hasImage)) {
    const flag = ctx.flags[question.flag]
    if (!flag) continue
    if (question.type === 'select' && question.choices.length === 1) {
      // Nothing to choose: say what it will be rather than ask.
      ctx.say(`✔ ${question.message} ${question.choices[0]} (the only choice${model ? ` for ${model}` : ''})`)
      argv.push(...answerArgv(question, question.choices[0], Boolean(flag.allowNo)))
      summary.push([question.param.replace(/_/g, ' '), question.choices[0]])
      continue
    }

    const answer =
      question.type === 'confirm'
        ? await asking(() => confirm({message: question.message, default: question.default}, io))
        : await asking(() => select({message: question.message, choices: question.choices.map((value) => ({value})), default: question.default}, io))
    argv.push(...answerArgv(question, answer, Boolean(flag.allowNo)))
    summary.push([question.param.replace(/_/g, ' '), typeof answer === 'boolean' ? (answer ? 'yes' : 'no') : String(answer)])
  }

  // 5. Summary and confirmation.
  ctx.say('')
  ctx.say(`Create: ${spec.title}`)
  const width = Math.max(...summary.map(([key]) => key.length))
  for (const [key, value] of summary) ctx.say(`  ${key.padEnd(width)}  ${value}`)
  ctx.say(`  ${'cost'.padEnd(width)}  ${costLine(ctx.mode, model)}`)
  ctx.say(`  equivalent: pixverse create ${ctx.mode.replace(/_/g, '-')} ${argv.map(quote).join(' ')}`)
  const go = await asking(() => confirm({message: 'Submit?', default: true}, io))
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

/** The service has no price quote before submitting; music models have a fixed price in the catalogue. */
function costLine(mode: Mode, model: string | undefined): string {
  if (modeSpec(mode).kind === 'music' && model) {
    const credits = musicModel(model)?.credits
    if (credits !== undefined) return `${credits} credits`
  }

  return 'not known before submitting (the service reports it once the task is created)'
}

/** `--prompt text`, or `--prompt=-text` when the value itself starts with a dash (never read as a flag). */
function pair(flag: string, value: string): string[] {
  return value.startsWith('-') ? [`--${flag}=${value}`] : [`--${flag}`, value]
}

function cap(text: string): string {
  return text[0].toUpperCase() + text.slice(1)
}

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`
}
