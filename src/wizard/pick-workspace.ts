import type {IOStreams} from '../context/streams.js'
import {terminalText} from '../util/terminal-text.js'
import {asking} from './cancel.js'
import {promptContext} from './prompt-io.js'

export interface WorkspaceChoice {
  workspace_id: number
  name: string
  role?: string
}

/**
 * Lets a person pick a workspace from a list (for `workspace switch` without an id). The caller
 * decides whether a person is there (`canPrompt`) and hands in its streams; Ctrl-C exits 130 with nothing changed.
 */
export async function pickWorkspace(workspaces: WorkspaceChoice[], streams: IOStreams): Promise<number> {
  const {select} = await import('@inquirer/prompts')
  return asking(() =>
    select(
      {
        message: 'Switch to workspace',
        choices: workspaces.map((w) => ({
          value: w.workspace_id,
          // Names and roles come from the service: terminal-safe before they are drawn.
          name: `${terminalText(w.name)}${w.role ? `  (${terminalText(w.role)})` : ''}${w.workspace_id === 0 ? '  [personal]' : ''}`,
          description: `id ${w.workspace_id}`,
        })),
        pageSize: 12,
      },
      promptContext(streams),
    ),
  )
}
