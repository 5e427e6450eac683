import {readJsonObject, writeJsonObject} from './json-file.js'

/**
 * `internal.json`: the session, with the reference client's keys (`token`, `language`,
 * `activeWorkspaceId`) so a user of the official client stays logged in.
 */
export class InternalStore {
  constructor(readonly file: string) {}

  get token(): string | undefined {
    const token = this.read().token
    return typeof token === 'string' && token.trim() !== '' ? token : undefined
  }

  get language(): string {
    const language = this.read().language
    return typeof language === 'string' && language ? language : 'en-US'
  }

  get activeWorkspaceId(): number {
    const id = this.read().activeWorkspaceId
    return typeof id === 'number' && Number.isInteger(id) && id > 0 ? id : 0
  }

  snapshot(): Record<string, unknown> {
    return this.read()
  }

  update(changes: Record<string, unknown>): void {
    const next: Record<string, unknown> = {language: 'en-US', ...this.read(), ...changes}
    for (const [key, value] of Object.entries(next)) if (value === undefined) delete next[key]
    writeJsonObject(this.file, next)
  }

  restore(snapshot: Record<string, unknown>): void {
    writeJsonObject(this.file, snapshot)
  }

  private read(): Record<string, unknown> {
    return readJsonObject(this.file)
  }
}
