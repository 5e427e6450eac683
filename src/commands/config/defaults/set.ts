import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import {ConfigCommand} from '../../../base/config-command.js'
import {defaultModes} from '../../../catalog/index.js'
import {coerceValue, parseKey, parseMode} from '../../../config/mode-defaults.js'
import {validationError} from '../../../errors.js'

/** Flags oclif parses itself (the rest of a `--mode` line are default keys), and those taking a value. */
const OWN_FLAGS = new Set(['mode', 'json', 'trace-id', 'workspace-id', 'help'])
const VALUED = new Set(['mode', 'trace-id', 'workspace-id'])

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

  static args = {
    mode: Args.string({description: 'Mode (or use --mode).'}),
    key: Args.string({description: 'Key, e.g. model, quality, duration, aspect_ratio.'}),
    value: Args.string({description: 'New value.'}),
  }

  static flags = {
    mode: Flags.string({description: 'Mode, for the `--<key> <value>` form.'}),
  }

  /** `--<key> <value>` pairs of the alias form, taken out of argv before oclif sees them. */
  private aliasWords: string[] = []

  public async init(): Promise<void> {
    // oclif rejects unknown flags even when not strict, so the alias form's pairs are set aside here
    // and validated against the catalogue in request().
    if (this.argv.some((word) => word === '--mode' || word.startsWith('--mode='))) {
      const kept: string[] = []
      for (let i = 0; i < this.argv.length; i++) {
        const word = this.argv[i]
        const name = /^--([\w-]+)/.exec(word)?.[1]
        if (name === undefined || OWN_FLAGS.has(name)) {
          kept.push(word)
          if (name !== undefined && VALUED.has(name) && !word.includes('=') && i + 1 < this.argv.length)
            kept.push(this.argv[++i])
          continue
        }

        this.aliasWords.push(word)
        if (!word.includes('=') && i + 1 < this.argv.length && !this.argv[i + 1].startsWith('--'))
          this.aliasWords.push(this.argv[++i])
      }

      this.argv = kept
    }

    await super.init()
  }

  async run(): Promise<SetResult> {
    const {mode, pairs} = this.request()
    const values: Record<string, unknown> = {}
    for (const [rawKey, rawValue] of pairs) {
      const key = parseKey(mode, rawKey)
      values[key] = coerceValue(mode, key, rawValue)
    }

    const store = this.store
    store.updateDefaults((all) => ({...all, [mode]: {...all[mode], ...values}}))
    const entries = Object.entries(values)
    return {success: true, mode, ...(entries.length === 1 ? {key: entries[0][0], value: entries[0][1]} : {}), values}
  }

  protected renderHuman(result: unknown): string {
    const {mode, values} = result as SetResult
    const changed = Object.entries(values).map(([key, value]) => `${key.replace(/_/g, '-')} ${String(value)}`)
    return [
      `Set ${mode} defaults: ${changed.join(', ')}. Every later \`create ${mode.replace(/_/g, '-')}\` starts from them.`,
      `See them all: ${this.config.bin} config defaults show ${mode}`,
    ].join('\n')
  }

  /** Either `<mode> <key> <value>` or `--mode <mode> --<key> <value>…`; everything checked before writing. */
  private request(): {mode: ReturnType<typeof parseMode>; pairs: Array<[string, string]>} {
    const words = [this.args.mode, this.args.key, this.args.value].filter((word): word is string => word !== undefined)
    if (this.flags.mode === undefined) {
      if (words.length !== 3)
        throw validationError('Usage: config defaults set <mode> <key> <value> (or --mode <mode> --<key> <value>…)')
      return {mode: parseMode(words[0]), pairs: [[words[1], words[2]]]}
    }

    const mode = parseMode(this.flags.mode, '--mode')
    if (words.length > 0)
      throw validationError(`Unexpected argument "${words[0]}" (with --mode, pass --<key> <value> pairs)`)
    const pairs: Array<[string, string]> = []
    const alias = this.aliasWords
    for (let i = 0; i < alias.length; i++) {
      const word = alias[i]
      const inline = /^--([\w-]+)=(.*)$/s.exec(word)
      if (inline) {
        pairs.push([inline[1], inline[2]])
        continue
      }

      const flag = /^--([\w-]+)$/.exec(word)
      if (!flag) throw validationError(`Unexpected argument "${word}" (with --mode, pass --<key> <value> pairs)`)
      const value = alias[i + 1]
      if (value === undefined || value.startsWith('--')) throw validationError(`--${flag[1]} needs a value`)
      pairs.push([flag[1], value])
      i++
    }

    if (pairs.length === 0) throw validationError('Nothing to set: pass --<key> <value> pairs after --mode')
    return {mode, pairs}
  }
}
