import {BaseCommand} from '../../base/base-command.js'
import {pixverseHome} from '../../config/paths.js'
import {defaultSandboxDir} from '../../sandbox/defaults.js'
import {relativeTime} from '../../util/relative-time.js'

interface SandboxStatus {
  running: boolean
  url?: string
  pid?: number
  started_at?: string
  idle_seconds: number
}

export default class SandboxStatusCommand extends BaseCommand<typeof SandboxStatusCommand> {
  static description = `Show whether the background sandbox of --sandbox is running for this PIXVERSE_HOME.

It starts with the first --sandbox command and stops after PIXVERSE_SANDBOX_IDLE_SECONDS (default 900) without a request, or with \`sandbox stop\`.`

  static examples = ['<%= config.bin %> sandbox status', '<%= config.bin %> sandbox status --json']

  async run(): Promise<SandboxStatus> {
    const {findSharedSandbox, sharedIdleSeconds} = await import('../../api/shared-sandbox.js')
    const sandbox = await findSharedSandbox(defaultSandboxDir(pixverseHome()))
    const idle = sharedIdleSeconds()
    if (!sandbox) return {running: false, idle_seconds: idle}
    return {running: true, url: sandbox.baseUrl, pid: sandbox.pid, started_at: sandbox.startedAt, idle_seconds: idle}
  }

  protected renderHuman(result: unknown): string {
    const status = result as SandboxStatus
    if (!status.running) return 'No sandbox running; the next --sandbox command starts one.'
    return [
      `Sandbox running at ${status.url}`,
      `  pid ${status.pid}, started ${relativeTime(status.started_at)}, stops after ${status.idle_seconds} s without a request`,
      `Stop it: ${this.config.bin} sandbox stop`,
    ].join('\n')
  }
}
