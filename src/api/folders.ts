import {validationError} from '../errors.js'

/** The service's default saved folder (docs/protocol.md §3.19), shown to and accepted from users as `default`. */
export const DEFAULT_FOLDER_ID = 666_666

/**
 * `default` or a positive integer → the folder id; anything else is exit 6 before any request.
 * `what` names the input in the message (`--folder` for the flag, so an agent knows which to fix).
 */
export function parseFolderId(value: string, what = 'folder id'): number {
  const trimmed = value.trim()
  if (trimmed.toLowerCase() === 'default') return DEFAULT_FOLDER_ID
  const id = Number(trimmed)
  if (!/^\d+$/.test(trimmed) || !Number.isSafeInteger(id) || id <= 0) {
    throw validationError(`Invalid ${what} "${value}" — must be a positive integer or "default"`)
  }

  return id
}

export function folderLabel(id: number): string {
  return id === DEFAULT_FOLDER_ID ? 'default' : String(id)
}

export function assertNotDefault(id: number, action: 'renamed' | 'deleted'): void {
  if (id === DEFAULT_FOLDER_ID) throw validationError(`The default folder cannot be ${action}`)
}
