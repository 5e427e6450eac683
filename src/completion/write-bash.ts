import type {Config} from '@oclif/core'
import {mkdir, writeFile} from 'node:fs/promises'
import {join} from 'node:path'

import {bashCompletion, type CompletionCommand, type CompletionFlag} from './bash.js'

/** Where plugin-autocomplete's bash setup script sources the completion function from. */
export function bashCompletionPath(config: Config): string {
  return join(config.cacheDir, 'autocomplete', 'functions', 'bash', `${config.bin}.bash`)
}

/** Every visible command of the CLI and its plugins (aliases too), as the generator needs them. */
export function completionCommands(config: Config): CompletionCommand[] {
  const out: CompletionCommand[] = []
  for (const command of config.commands) {
    if (command.hidden) continue
    const flags = command.flags as unknown as Record<string, CompletionFlag>
    for (const id of [command.id, ...(command.aliases ?? [])]) out.push({id, flags})
  }

  return out
}

/** Replaces plugin-autocomplete's bash function with ours, which also completes flag values. */
export async function writeBashCompletion(config: Config): Promise<string> {
  const file = bashCompletionPath(config)
  await mkdir(join(file, '..'), {recursive: true})
  await writeFile(file, bashCompletion(config.bin, completionCommands(config)))
  return file
}
