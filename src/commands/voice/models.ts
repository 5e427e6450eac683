import {AuthedCommand} from '../../base/authed-command.js'

interface Group {
  provider: string
  display_name?: string
  models?: Array<{model: string; display_name?: string; max_characters?: number; supported_language_codes?: string[]}>
}

export default class VoiceModels extends AuthedCommand<typeof VoiceModels> {
  static description = 'List text-to-speech models by provider, with their languages (for `create voice --model`).'

  static examples = ['<%= config.bin %> voice models --json']

  async run(): Promise<Record<string, unknown>> {
    return this.api.get<Record<string, unknown>>('speech/tts/models')
  }

  protected renderHuman(result: unknown): string {
    const r = result as {provider_groups?: Group[]; default_model?: string}
    const lines: string[] = []
    for (const group of r.provider_groups ?? []) {
      lines.push(`${group.display_name ?? group.provider} (${group.provider})`)
      for (const m of group.models ?? []) {
        const mark = m.model === r.default_model ? ' (default)' : ''
        lines.push(
          `  ${m.model}${mark}  max ${m.max_characters ?? '-'} chars, ${(m.supported_language_codes ?? []).length} languages`,
        )
      }
    }

    return lines.join('\n')
  }
}
