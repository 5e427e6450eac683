import {readJsonObject, writeJsonObject} from './json-file.js'

export type ModeDefaults = Record<string, Record<string, unknown>>

/** The reference client resets `defaults` when `defaultsVersion` is missing or older than 2. */
const DEFAULTS_VERSION = 2

/** `config.json`: `outputDir` and sparse per-mode creation defaults. */
export class ConfigStore {
  constructor(readonly file: string) {}

  get outputDir(): string | undefined {
    const dir = this.read().outputDir
    return typeof dir === 'string' && dir ? dir : undefined
  }

  all(): Record<string, unknown> {
    return this.read()
  }

  set(key: string, value: unknown): void {
    this.write({...this.read(), [key]: value})
  }

  reset(): void {
    writeJsonObject(this.file, {})
  }

  /** Stored overrides only; built-in defaults come from the catalogue. */
  defaults(): ModeDefaults {
    const data = this.read()
    if (data.defaultsVersion !== DEFAULTS_VERSION) return {}
    const defaults = data.defaults
    return defaults && typeof defaults === 'object' ? (defaults as ModeDefaults) : {}
  }

  setDefaults(defaults: ModeDefaults): void {
    this.write({...this.read(), defaults, defaultsVersion: DEFAULTS_VERSION})
  }

  private read(): Record<string, unknown> {
    return readJsonObject(this.file)
  }

  private write(data: Record<string, unknown>): void {
    writeJsonObject(this.file, data)
  }
}
