import {readJsonObject, tightenSecretFile, updateJsonObject} from './json-file.js'

/**
 * `internal.json`: the session, with the reference client's keys (`token`, `language`,
 * `activeWorkspaceId`) so a user of the official client stays logged in.
 */
export class InternalStore {
  /** The file's permissions are looked at once per process, on the first read. */
  private checked = false

  /** `warn`: where a note about the file goes (the command's stderr). */
  constructor(
    readonly file: string,
    private readonly warn: (message: string) => void,
  ) {}

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
    updateJsonObject(this.file, (stored) => {
      const next: Record<string, unknown> = {language: 'en-US', ...stored, ...changes}
      for (const [key, value] of Object.entries(next)) if (value === undefined) delete next[key]
      return next
    })
  }

  restore(snapshot: Record<string, unknown>): void {
    updateJsonObject(this.file, () => snapshot)
  }

  private read(): Record<string, unknown> {
    if (!this.checked) {
      this.checked = true
      tightenSecretFile(this.file, this.warn)
    }

    return readJsonObject(this.file)
  }
}
