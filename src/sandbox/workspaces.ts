/** The sandbox account's team workspaces (docs/protocol.md §3.20, §8): one it owns, one it is a member of. */
import type {IncomingMessage} from 'node:http'
import {ApiError, ERR} from './http.js'

export interface Workspace {
  workspace_id: number
  name: string
  role: 'owner' | 'member'
  member_count: number
  seat_count: number
  total_credits: number
}

export const WORKSPACES: Workspace[] = [
  {workspace_id: 880_001, name: 'Sandbox Studio', role: 'owner', member_count: 3, seat_count: 5, total_credits: 50_000},
  {
    workspace_id: 880_002,
    name: 'Partner Agency',
    role: 'member',
    member_count: 8,
    seat_count: 10,
    total_credits: 120_000,
  },
]

export function findWorkspace(id: number, left: number[] = []): Workspace | undefined {
  return left.includes(id) ? undefined : WORKSPACES.find((w) => w.workspace_id === id)
}

/** The workspaces the user is still a member of (POST /_sandbox/workspace-membership removes one). */
export function memberWorkspaces(left: number[] = []): Workspace[] {
  return WORKSPACES.filter((w) => !left.includes(w.workspace_id))
}

/**
 * The effective workspace of a request: the Workspace-Id header if present (0 or absent =
 * personal). A workspace the user is not in answers 500401, which the client maps to its
 * "workspace no longer accessible" fallback.
 */
export function requestWorkspace(req: IncomingMessage, left: number[] = []): number {
  const raw = req.headers['workspace-id']
  const value = (Array.isArray(raw) ? raw[0] : (raw ?? '')).trim()
  if (value === '' || value === '0') return 0
  const id = /^\d+$/.test(value) ? Number(value) : Number.NaN
  if (!Number.isSafeInteger(id) || !findWorkspace(id, left)) {
    throw new ApiError(ERR.workspaceDenied, `Workspace ${value} does not exist or you are not a member of it`)
  }
  return id
}
