import {type Command} from '@oclif/core/command'

import type {ConfigStore} from '../config/config-store.js'
import {BaseCommand} from './base-command.js'

/** Local-only commands over ~/.pixverse/config.json (the context's settings store). */
export abstract class ConfigCommand<T extends typeof Command> extends BaseCommand<T> {
  protected get store(): ConfigStore {
    return this.ctx.stores().settings
  }

  protected get paths(): {dir: string; config: string} {
    const {dir, config} = this.ctx.stores().paths
    return {dir, config}
  }
}
