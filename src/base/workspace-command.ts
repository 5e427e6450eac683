import {type Command} from '@oclif/core/command'

import {type WorkspaceList, listWorkspaces} from '../api/workspaces.js'
import {AuthedCommand} from './authed-command.js'

/**
 * Commands that re-sync the active workspace from the service (account info/usage, workspace
 * list/status/switch: docs/protocol.md §8) and refuse locally when nobody is logged in.
 */
export abstract class WorkspaceCommand<T extends typeof Command> extends AuthedCommand<T> {
  protected static requiresLogin = true

  /**
   * Reads the workspace list, stores the service's active id locally and returns the effective
   * workspace (the --workspace-id override wins, and is never stored).
   */
  protected async syncWorkspaces(): Promise<{list: WorkspaceList; active: number}> {
    const list = await listWorkspaces(this.api)
    if (this.workspaceOverride === undefined && list.active_workspace_id !== this.session.activeWorkspaceId) {
      this.session.update({activeWorkspaceId: list.active_workspace_id})
      // Later calls of this invocation carry the re-synced Workspace-Id header.
      this.resetClient()
    }

    return {list, active: this.workspaceOverride ?? list.active_workspace_id}
  }
}
