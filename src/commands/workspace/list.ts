import {WorkspaceCommand} from '../../base/workspace-command.js'
import {renderTable} from '../../util/table.js'

interface Workspaces {
  activeWorkspaceId: number
  workspaces: Array<{workspace_id: number; name: string; role: string; member_count: number}>
}

export default class WorkspaceList extends WorkspaceCommand<typeof WorkspaceList> {
  static description = `List the team workspaces you belong to, and which one is active (0 = personal).

The service's active workspace is saved locally; switch with \`workspace switch <id>\`.`

  static examples = ['<%= config.bin %> workspace list --json']

  async run(): Promise<Workspaces> {
    const {list} = await this.syncWorkspaces()
    return {
      activeWorkspaceId: list.active_workspace_id,
      workspaces: list.workspaces.map((w) => ({
        workspace_id: w.workspace_id,
        name: w.name,
        role: w.role,
        member_count: Number(w.member_count),
      })),
    }
  }

  protected renderHuman(result: unknown): string {
    const r = result as Workspaces
    const rows = [{workspace_id: 0, name: 'Personal', role: 'owner', member_count: 1}, ...r.workspaces].map((w) => ({
      active: w.workspace_id === r.activeWorkspaceId ? '*' : '',
      ...w,
    }))
    const table = renderTable(rows, ['active', 'workspace_id', 'name', 'role', 'member_count'])
    return `${table}\nSwitch: ${this.config.bin} workspace switch <workspace_id>`
  }
}
