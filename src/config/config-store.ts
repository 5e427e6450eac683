import {readJsonObject, updateJsonObject} from './json-file.js'

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
    updateJsonObject(this.file, (data) => ({...data, [key]: value}))
  }

  reset(): void {
    updateJsonObject(this.file, () => ({}))
  }

  /** Stored overrides only; built-in defaults come from the catalogue. */
  defaults(): ModeDefaults {
    return storedDefaults(this.read())
  }

  /** Changes the stored overrides under the file's lock, from what is stored at that moment. */
  updateDefaults(change: (defaults: ModeDefaults) => ModeDefaults): void {
    updateJsonObject(this.file, (data) => ({
      ...data,
      defaults: change(storedDefaults(data)),
      defaultsVersion: DEFAULTS_VERSION,
    }))
  }

  private read(): Record<string, unknown> {
    return readJsonObject(this.file)
  }
}

function storedDefaults(data: Record<string, unknown>): ModeDefaults {
  if (data.defaultsVersion !== DEFAULTS_VERSION) return {}
  const defaults = data.defaults
  return defaults && typeof defaults === 'object' ? (defaults as ModeDefaults) : {}
}
