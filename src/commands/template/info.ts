import * as Args from '@oclif/core/args'

import {AuthedCommand} from '../../base/authed-command.js'
import {parseId} from '../../base/id-arg.js'
import {describe as templateNeeds} from '../../creations/template.js'
import {renderHuman} from '../../output.js'
import {bold, dim} from '../../util/colour.js'

export default class TemplateInfo extends AuthedCommand<typeof TemplateInfo> {
  static description = `Show one template: name, type (1 video, 2 image), supported inputs (1000 = accepts a video), duration, prompt, model and cost.`

  static examples = ['<%= config.bin %> template info 300001 --json']

  static args = {
    id: Args.string({description: 'Template id.', required: true}),
  }

  async run(): Promise<Record<string, unknown>> {
    const id = parseId(this.args.id, 'template ID')
    return this.api.post<Record<string, unknown>>('template/detail', {template_id: id})
  }

  /** What it is, what it needs and the command line that uses it; the raw fields stay in --json / --verbose. */
  protected renderHuman(result: unknown): string {
    if (this.out.verbose) return renderHuman(result)
    const t = result as Record<string, unknown>
    const isImage = Number(t.template_type) === 2
    const effect = Number(t.effect_type ?? 0)
    const takesVideo = effect === 1 && Number(t.supported_features) === 1000
    const cost = Number(isImage ? t.fixed_cost : t.video_base_cost)
    const head = [
      isImage ? 'image' : `video${Number(t.duration) > 0 ? `, ${t.duration} s` : ''}`,
      t.template_model,
      cost > 0 ? `from ${cost} credits` : undefined,
    ]
    // One --image takes them all (`--image a.png b.png c.png`): the line fits 80 columns.
    const names = Array.from({length: effect}, (_, i) =>
      effect === 1 ? 'photo.png' : `${String.fromCharCode(97 + i)}.png`,
    )
    const inputs = names.length > 0 ? ` --image ${names.join(' ')}` : ''
    const lines = [
      `${bold(String(t.display_name ?? 'Template'))} (template ${t.template_id}) · ${head.filter(Boolean).join(' · ')}`,
      ...(typeof t.display_prompt === 'string' && t.display_prompt ? [dim(`  ${t.display_prompt}`)] : []),
      `Needs:   ${templateNeeds(effect, takesVideo)}`,
      ...(t.preview_url ? [`Preview: ${t.preview_url}`] : []),
      `Use:     ${this.config.bin} create template --template-id ${t.template_id}${inputs}`,
    ]
    return lines.join('\n')
  }
}
