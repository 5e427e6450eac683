import {AuthedCommand} from '../../base/authed-command.js'

interface Group {
  provider: string
  display_name?: string
  models?: Array<Record<string, unknown> & {model: string}>
}

export default class MusicModels extends AuthedCommand<typeof MusicModels> {
  static description = 'List music models: duration range, lyrics and image support, cost (for `create music --model`).'

  static examples = ['<%= config.bin %> music models --json']

  async run(): Promise<Record<string, unknown>> {
    return this.api.get<Record<string, unknown>>('music/models')
  }

  protected renderHuman(result: unknown): string {
    const r = result as {provider_groups?: Group[]; default_model?: string}
    const lines: string[] = []
    for (const group of r.provider_groups ?? []) {
      lines.push(`${group.display_name ?? group.provider} (${group.provider})`)
      for (const m of group.models ?? []) {
        const facts = [
          `${m.duration_min_seconds ?? '?'}–${m.duration_max_seconds ?? '?'} s`,
          m.supports_lyrics ? 'lyrics' : 'no lyrics',
          m.supports_image_reference ? `up to ${m.image_max_count ?? '?'} images` : 'no images',
          `${m.credits ?? '?'} credits`,
        ]
        lines.push(`  ${m.model}${m.model === r.default_model ? ' (default)' : ''}  ${facts.join(', ')}`)
      }
    }

    return lines.join('\n')
  }
}
