import {BaseCommand} from '../../base/base-command.js'
import {pixverseHome} from '../../config/paths.js'
import {defaultSandboxDir} from '../../sandbox/defaults.js'

interface SandboxStopResult {
  stopped: boolean
  pid?: number
  url?: string
}

export default class SandboxStop extends BaseCommand<typeof SandboxStop> {
  static description = `Stop the background sandbox that --sandbox commands share for this PIXVERSE_HOME.

Its state (login, tasks, media) stays in $PIXVERSE_HOME/sandbox; the next --sandbox command starts it again, on a new port.`

  static examples = ['<%= config.bin %> sandbox stop']

  async run(): Promise<SandboxStopResult> {
    const {stopSharedSandbox} = await import('../../api/shared-sandbox.js')
    const stopped = await stopSharedSandbox(defaultSandboxDir(pixverseHome()))
    return stopped ? {stopped: true, pid: stopped.pid, url: stopped.baseUrl} : {stopped: false}
  }

  protected renderHuman(result: unknown): string {
    const {stopped, pid} = result as SandboxStopResult
    return stopped ? `Stopped the sandbox (pid ${pid}).` : 'No sandbox was running.'
  }
}
