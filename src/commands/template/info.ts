import * as Args from '@oclif/core/args'

import {AuthedCommand} from '../../base/authed-command.js'
import {parseId} from '../../base/id-arg.js'

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
}
