import type {ApiClient} from './client.js'

export interface WorkspaceEntry {
  workspace_id: number
  name: string
  role: string
  member_count: number
  [key: string]: unknown
}

export interface WorkspaceList {
  active_workspace_id: number
  workspaces: WorkspaceEntry[]
}

/** `GET team/workspace/list` (docs/protocol.md §3.20), normalised: ids as numbers, a missing list as []. */
export async function listWorkspaces(client: ApiClient): Promise<WorkspaceList> {
  const resp = await client.get<Partial<WorkspaceList>>('team/workspace/list')
  return {
    active_workspace_id: Number(resp?.active_workspace_id ?? 0) || 0,
    workspaces: Array.isArray(resp?.workspaces)
      ? resp.workspaces.map((w) => ({...w, workspace_id: Number(w.workspace_id)}))
      : [],
  }
}
