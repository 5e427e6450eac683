import {WorkspaceCommand} from '../../base/workspace-command.js'

interface Status {
  workspaceId: number
  name: string | null
  role?: string | null
  memberCount?: number | null
}

export default class WorkspaceStatus extends WorkspaceCommand<typeof WorkspaceStatus> {
  static description = `Show the active workspace (0 = personal). "name": null means you no longer have access to it.`

  static examples = ['<%= config.bin %> workspace status --json']

  async run(): Promise<Status> {
    const {list, active} = await this.syncWorkspaces()
    if (active === 0) return {workspaceId: 0, name: 'Personal', role: null, memberCount: null}
    const entry = list.workspaces.find((w) => w.workspace_id === active)
    return {
      workspaceId: active,
      name: entry?.name ?? null,
      role: entry?.role ?? null,
      memberCount: entry ? Number(entry.member_count) : null,
    }
  }

  protected renderHuman(result: unknown): string {
    const r = result as Status
    const others = `All of them: ${this.config.bin} workspace list`
    if (r.workspaceId === 0) return `Personal workspace (0)\n${others}`
    if (r.name === null) return `Workspace ${r.workspaceId} (no access: switch with \`pixverse workspace switch 0\`)`
    return `${r.name} (${r.workspaceId}), ${r.role}, ${r.memberCount} members\n${others}`
  }
}
