import * as Args from '@oclif/core/args'

import {WorkspaceCommand} from '../../base/workspace-command.js'
import {validationError} from '../../errors.js'

interface Switched {
  workspaceId: number
  name: string | null
  role: string | null
}

export default class WorkspaceSwitch extends WorkspaceCommand<typeof WorkspaceSwitch> {
  static description = `Make a workspace the active one for this and later commands (0 = personal).

The choice is saved; --workspace-id overrides it for a single command. Without an id a person at a terminal picks from a list; in JSON mode or a script the id is required.`

  static examples = ['<%= config.bin %> workspace switch 880001 --json', '<%= config.bin %> workspace switch 0']

  static args = {
    'workspace-id': Args.string({description: 'Workspace id from `workspace list` (0 = personal).'}),
  }

  async run(): Promise<Switched> {
    const raw = this.args['workspace-id']
    const id = raw === undefined ? await this.pickWorkspace() : parseWorkspaceId(raw)
    // A switch is a workspace-management call: it must not carry the (maybe lost) current workspace.
    await this.api.post('team/workspace/switch', {workspace_id: id})
    const {list} = await this.syncWorkspaces()
    const active = list.active_workspace_id
    if (this.session.activeWorkspaceId !== active) this.session.update({activeWorkspaceId: active})
    if (active === 0) return {workspaceId: 0, name: 'Personal', role: 'owner'}
    const entry = list.workspaces.find((w) => w.workspace_id === active)
    return {workspaceId: active, name: entry?.name ?? null, role: entry?.role ?? null}
  }

  /** A person at a terminal picks from the list; anyone else must pass the id (exit 6). */
  protected async pickWorkspace(): Promise<number> {
    if (!this.ctx.canPrompt()) {
      throw validationError(
        'Missing argument: workspace-id',
        'Run `pixverse workspace list` and pass an id (0 = personal).',
      )
    }

    const {list} = await this.syncWorkspaces()
    const {pickWorkspace} = await import('../../wizard/pick-workspace.js')
    return pickWorkspace([{workspace_id: 0, name: 'Personal'}, ...list.workspaces], this.ctx.streams)
  }

  protected renderHuman(result: unknown): string {
    const r = result as Switched
    return r.workspaceId === 0
      ? 'Switched to the personal workspace (0)'
      : `Switched to ${r.name ?? 'workspace'} (${r.workspaceId}, ${r.role ?? '-'})`
  }
}

function parseWorkspaceId(value: string): number {
  const trimmed = value.trim()
  if (!/^\d+$/.test(trimmed) || !Number.isSafeInteger(Number(trimmed))) {
    throw validationError(`Invalid workspace id "${value}" — must be a non-negative integer (0 = personal)`)
  }

  return Number(trimmed)
}
