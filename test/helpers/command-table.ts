import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {ROOT} from './cli.js'

/**
 * How to run each command for the JSON-contract and bad-input walks. Every command in
 * oclif.manifest.json must have a row: a new command without one fails the walk with a message
 * naming it. Placeholders in `success`: {video} = a finished video id, {dir} = a fresh temp folder.
 */
export interface CommandCase {
  /** argv after the command words for a successful run (placeholders allowed) */
  success?: string[]
  /** why the success run is left out (e.g. a server that runs until stopped) */
  skip?: string
  /** talks to the service: fails with 1 on a service error and 7 on a concurrency refusal */
  api?: boolean
  /** needs a login: exits 3 in a home that has none */
  login?: boolean
  /** a creation: also exits 4 without credits, 5 when the generation fails, 2 on a wait timeout */
  creates?: boolean
  /** waits on the task in {video}: exits 2 on a task that outlasts --timeout, 5 on a failed task */
  waits?: boolean
  /** the success run uses a fresh home instead of the logged-in one */
  fresh?: boolean
}

export const COMMAND_TABLE: Record<string, CommandCase> = {
  'asset:download': {success: ['{video}', '--dest', '{dir}'], api: true, login: true},
  'asset:info': {success: ['{video}'], api: true, login: true},
  'auth:login': {success: [], api: true, fresh: true},
  'auth:logout': {success: [], fresh: true},
  'auth:status': {success: [], api: true, login: true},
  'config:get': {success: ['output-dir']},
  'config:list': {success: []},
  'config:path': {success: []},
  'config:reset': {success: []},
  'config:set': {success: ['output-dir', '{dir}']},
  'create:video': {success: ['--prompt', 'contract walk'], api: true, login: true, creates: true},
  'sandbox:serve': {skip: 'runs until stopped; test/helpers/sandbox.ts starts it for every suite'},
  'task:status': {success: ['{video}'], api: true, login: true},
  'task:wait': {success: ['{video}'], api: true, login: true, waits: true},
}

export interface ManifestFlag {
  name: string
  type: 'boolean' | 'option'
  char?: string
  options?: string[]
  multiple?: boolean
  required?: boolean
  hidden?: boolean
}

export interface ManifestCommand {
  id: string
  args: Record<string, {name: string; required?: boolean}>
  flags: Record<string, ManifestFlag>
}

export function manifestCommands(): ManifestCommand[] {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8')) as {commands: Record<string, ManifestCommand>}
  return Object.values(manifest.commands).sort((a, b) => a.id.localeCompare(b.id))
}

/** `create:video` → ['create', 'video'] (the topic separator is a space). */
export function commandWords(id: string): string[] {
  return id.split(':')
}

export function fillPlaceholders(args: string[], values: Record<string, string>): string[] {
  return args.map((arg) => arg.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole))
}
