import * as Flags from '@oclif/core/flags'

import {AuthedCommand} from '../../base/authed-command.js'
import {pageFlag} from '../../base/paging.js'
import {pagedText, renderTable} from '../../util/table.js'

interface Presets {
  voices: Array<Record<string, unknown>>
  pagination: {page: number; total_pages: number; total: number; [key: string]: unknown}
}

export default class VoicePresets extends AuthedCommand<typeof VoicePresets> {
  static description = `List voice presets; their voice_id is what \`create voice --voice-id\` takes.

Filter by model, language code or provider; at most 10 presets per page.`

  static examples = [
    '<%= config.bin %> voice presets --json',
    '<%= config.bin %> voice presets --provider elevenlabs --language en --page 2',
  ]

  static flags = {
    model: Flags.string({description: 'Only voices of this TTS model (see `voice models`).'}),
    language: Flags.string({description: 'Only voices speaking this language code (e.g. en, zh).'}),
    provider: Flags.string({description: 'Only voices of this provider.', options: ['minimax', 'elevenlabs']}),
    page: pageFlag(),
    'page-size': Flags.integer({description: 'Presets per page (1–10).', default: 10, min: 1, max: 10}),
  }

  async run(): Promise<Presets> {
    const {model, language, provider, page} = this.flags
    const resp = await this.api.get<Partial<Presets>>('speech/tts/voices', {
      provider,
      model,
      language,
      page,
      page_size: this.flags['page-size'],
    })
    const voices = resp?.voices ?? []
    return {voices, pagination: {page, total_pages: 1, total: voices.length, ...resp?.pagination}}
  }

  protected renderHuman(result: unknown): string {
    const r = result as Presets
    const table = renderTable(r.voices, ['voice_id', 'display_name', 'provider', 'gender', 'accent'])
    return pagedText(table, {
      page: r.pagination.page,
      shown: r.voices.length,
      total: r.pagination.total,
      hasMore: r.pagination.page < r.pagination.total_pages,
    })
  }
}
