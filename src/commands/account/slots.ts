import {WorkspaceCommand} from '../../base/workspace-command.js'

interface Slot {
  limit: number
  used: number
  remaining: number
  unlimited: boolean
}

export default class AccountSlots extends WorkspaceCommand<typeof AccountSlots> {
  static description = `Show concurrent-generation slots for images and videos.

Check this after a create exits 7 (concurrency limit): wait until a slot is free, then retry with the same --idempotency-key.`

  static examples = ['<%= config.bin %> account slots --json']

  async run(): Promise<Record<string, unknown>> {
    return this.api.get<Record<string, unknown>>('user/credits/concurrency')
  }

  protected renderHuman(result: unknown): string {
    const r = result as {image?: Slot; video?: Slot; shared_pool?: boolean}
    const line = (name: string, s?: Slot) =>
      s
        ? `${name.padEnd(6)} ${s.unlimited ? 'unlimited' : `${s.used}/${s.limit} used, ${s.remaining} free`}`
        : `${name.padEnd(6)} -`
    return [
      line('video', r.video),
      line('image', r.image),
      ...(r.shared_pool ? ['(video and image share one pool)'] : []),
    ].join('\n')
  }
}
