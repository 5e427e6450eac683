import {Args, Flags} from '@oclif/core'

import {ConfigCommand} from '../../../base/config-command.js'
import {defaultModes} from '../../../catalog/index.js'
import {coerceValue, parseKey, parseMode} from '../../../config/mode-defaults.js'
import {validationError} from '../../../errors.js'

interface SetResult {
  success: true
  mode: string
  key?: string
  value?: unknown
  values: Record<string, unknown>
}

export default class ConfigDefaultsSet extends ConfigCommand<typeof ConfigDefaultsSet> {
  static description = `Change a creation default of one mode; every later create of that mode starts from it.

Modes: ${defaultModes().join(', ')}. Keys are the mode's model and creation parameters (snake_case or kebab-case). duration and count are numbers, true/false are booleans; the model must exist for the mode; upscale takes only quality.
The documented form \`--mode <mode> --<key> <value> …\` is accepted too and may set several keys at once.`

  static examples = [
    '<%= config.bin %> config defaults set video model v6 --json',
    '<%= config.bin %> config defaults set video duration 8',
    '<%= config.bin %> config defaults set --mode video --model v6 --quality 1080p --json',
  ]

  // The alias form passes `--<key> <value>` pairs that are parsed here, against the catalogue.
  static strict = false

  static args = {
    mode: Args.string({description: 'Mode (or use --mode).'}),
    key: Args.string({description: 'Key, e.g. model, quality, duration, aspect_ratio.'}),
    value: Args.string({description: 'New value.'}),
  }

  static flags = {
    mode: Flags.string({description: 'Mode, for the `--<key> <value>` form.'}),
  }

  async run(): Promise<SetResult> {
    const {mode, pairs} = this.request()
    const values: Record<string, unknown> = {}
    for (const [rawKey, rawValue] of pairs) {
      const key = parseKey(mode, rawKey)
      values[key] = coerceValue(mode, key, rawValue)
    }

    const store = this.store
    const all = store.defaults()
    store.setDefaults({...all, [mode]: {...all[mode], ...values}})
    const entries = Object.entries(values)
    return {success: true, mode, ...(entries.length === 1 ? {key: entries[0][0], value: entries[0][1]} : {}), values}
  }

  /** Either `<mode> <key> <value>` or `--mode <mode> --<key> <value>…`; everything checked before writing. */
  private request(): {mode: ReturnType<typeof parseMode>; pairs: Array<[string, string]>} {
    const words = this.positionals
    if (this.flags.mode === undefined) {
      if (words.length !== 3) throw validationError('Usage: config defaults set <mode> <key> <value> (or --mode <mode> --<key> <value>…)')
      return {mode: parseMode(words[0]), pairs: [[words[1], words[2]]]}
    }

    const mode = parseMode(this.flags.mode)
    const pairs: Array<[string, string]> = []
    for (let i = 0; i < words.length; i++) {
      const word = words[i]
      const inline = /^--([\w-]+)=(.*)$/s.exec(word)
      if (inline) {
        pairs.push([inline[1], inline[2]])
        continue
      }

      const flag = /^--([\w-]+)$/.exec(word)
      if (!flag) throw validationError(`Unexpected argument "${word}" (with --mode, pass --<key> <value> pairs)`)
      const value = words[i + 1]
      if (value === undefined || value.startsWith('--')) throw validationError(`--${flag[1]} needs a value`)
      pairs.push([flag[1], value])
      i++
    }

    if (pairs.length === 0) throw validationError('Nothing to set: pass --<key> <value> pairs after --mode')
    return {mode, pairs}
  }
}
