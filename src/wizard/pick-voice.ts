import type {IOStreams} from '../context/streams.js'
import {validationError} from '../errors.js'
import {terminalText} from '../util/terminal-text.js'
import {asking} from './cancel.js'
import {promptContext} from './prompt-io.js'
import type {WizardService} from './service.js'

interface Preset {
  voice_id?: string
  display_name?: string
  gender?: string
  accent?: string
}

interface PresetPage {
  voices?: Preset[]
  pagination?: {page?: number; total_pages?: number}
}

const MORE = '\u0000more'

/** Lets a person pick one of the chosen model's voice presets (`speech/tts/voices`, 10 a page). */
export async function pickVoice(
  service: WizardService,
  model: string,
  streams: IOStreams,
): Promise<{argv: string[]; summary: [string, string][]}> {
  const {select} = await import('@inquirer/prompts')
  const shown: Preset[] = []
  for (let page = 1; ; page++) {
    const resp = await service.get<PresetPage>('speech/tts/voices', {model, page, page_size: 10})
    shown.push(...(resp?.voices ?? []).filter((v) => v.voice_id))
    const more = page < Number(resp?.pagination?.total_pages ?? 1)
    if (shown.length === 0 && !more) {
      throw validationError(
        `The service lists no voice for ${model}`,
        `Pick another model, or pass --provider-voice-id (see \`pixverse voice presets\`).`,
      )
    }

    const choices = shown.map((v) => ({value: String(v.voice_id), name: describe(v)}))
    if (more) choices.push({value: MORE, name: 'More voices…'})
    const picked = await asking(() =>
      select(
        {
          message: `Voice (${model})`,
          choices,
          pageSize: 12,
          default: page > 1 ? String(shown.at(-10)?.voice_id) : undefined,
        },
        promptContext(streams),
      ),
    )
    if (picked === MORE) continue
    const voice = shown.find((v) => v.voice_id === picked)
    return {
      argv: ['--voice-id', picked],
      summary: [['voice', `${terminalText(String(voice?.display_name ?? ''))} (${terminalText(picked)})`]],
    }
  }
}

function describe(voice: Preset): string {
  const facts = [voice.gender, voice.accent]
    .filter(Boolean)
    .map((fact) => terminalText(String(fact)))
    .join(', ')
  return `${terminalText(String(voice.display_name ?? voice.voice_id))}${facts ? `  (${facts})` : ''}`
}
