import {type Command} from '@oclif/core/command'

import {BaseCommand} from './base-command.js'
import {ConfigStore} from '../config/config-store.js'
import {storePaths} from '../config/paths.js'

/** Local-only commands over ~/.pixverse/config.json. */
export abstract class ConfigCommand<T extends typeof Command> extends BaseCommand<T> {
  protected get store(): ConfigStore {
    return new ConfigStore(storePaths().config)
  }

  protected get paths(): {dir: string; config: string} {
    const {dir, config} = storePaths()
    return {dir, config}
  }
}
