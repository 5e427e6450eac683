import {mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {ROOT} from './cli.js'

/**
 * How to run each command for the JSON-contract and bad-input walks. Every command in
 * oclif.manifest.json must have a row: a new command without one fails the walk with a message
 * naming it. Placeholders in `success`: {video} = a finished video id, {spare} = another finished
 * video (for `asset delete`), {folder} = a saved folder holding {video}, {doomed} = a saved folder to
 * delete, {template} = a seeded text-only video template, {dir} = a fresh temp folder, {manifest} = a one-row
 * batch manifest, {batched} = a manifest whose batch already ran, {fresh_file} = a new path each run. Media inputs
 * are the committed fixtures (the CLI runs with the repository as its working folder).
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
  /** environment for every run of this command (e.g. so `update` never runs npm for real) */
  env?: Record<string, string>
  /**
   * Where the outcome markers of a creation go ([sandbox:fail], [sandbox:seconds=N]): the flag and
   * its value with `{marker}` in it. Default: `--prompt {marker}`.
   */
  marker?: [flag: string, value: string]
  /**
   * Why this command prints text, not JSON (a plugin's command without --json). The JSON walks
   * leave it out; json-contract.test.ts runs its success args without --json and checks exit 0.
   */
  text?: string
}

const PNG = 'fixtures/media/sample.png'
const JPG = 'fixtures/media/sample.jpg'
/** Creations: they talk to the service, need a login, and can fail, time out or lack credits. */
const CREATES = {api: true, login: true, creates: true} as const
/** Commands that read or change the account's data on the service. */
const SERVICE = {api: true, login: true} as const
/** Commands that answer locally (settings, the catalogue, a URL): no request, no login. */
const LOCAL = {} as const

export const COMMAND_TABLE: Record<string, CommandCase> = {
  'account:info': {success: [], ...SERVICE},
  'account:slots': {success: [], ...SERVICE},
  'account:usage': {success: ['--type', 'used', '--limit', '5'], ...SERVICE},
  'asset:delete': {success: ['{spare}', '--type', 'video'], ...SERVICE},
  'asset:download': {success: ['{video}', '--dest', '{dir}'], ...SERVICE},
  'asset:info': {success: ['{video}'], ...SERVICE},
  'asset:list': {success: ['--type', 'video', '--limit', '5'], ...SERVICE},
  'asset:upload': {success: [PNG], ...SERVICE},
  'auth:login': {success: [], api: true, fresh: true},
  'auth:logout': {success: [], fresh: true},
  // Logged out it prints {authenticated: false, message} (exit 3; docs/cli.md §5.2), not an error: exit-codes.test.ts.
  'auth:status': {success: [], api: true},
  autocomplete: {
    success: ['bash'],
    text: '@oclif/plugin-autocomplete prints shell setup instructions and has no --json flag',
  },
  // A fresh state file per run, so each walk really submits instead of resuming a finished batch.
  'batch:run': {success: ['{manifest}', '--state', '{fresh_file}', '--timeout', '20'], ...SERVICE},
  'batch:status': {success: ['{batched}'], ...LOCAL},
  'pipeline:list': {success: [], ...LOCAL},
  'pipeline:run': {
    success: ['image-to-video', '--var', 'prompt=contract walk', '--var', `image=${JPG}`, '--out', '{fresh_file}'],
    ...CREATES,
    marker: ['--var', 'prompt={marker}'],
  },
  'pipeline:show': {success: ['storyboard'], ...LOCAL},
  'pipeline:status': {
    success: ['storyboard', '--out', '{dir}'],
    skip: 'success needs an earlier run (these args exit 6); pipeline.test.ts covers it',
    ...LOCAL,
  },
  'autocomplete:create': {
    success: [],
    text: '@oclif/plugin-autocomplete writes the completion cache and prints nothing; it has no --json flag',
  },
  capabilities: {success: [], ...LOCAL},
  'config:defaults': {success: [], ...LOCAL},
  'config:defaults:reset': {success: ['video'], ...LOCAL},
  'config:defaults:set': {success: ['video', 'quality', '540p'], ...LOCAL},
  'config:defaults:show': {success: ['video'], ...LOCAL},
  'config:get': {success: ['output-dir'], ...LOCAL},
  'config:list': {success: [], ...LOCAL},
  'config:path': {success: [], ...LOCAL},
  'config:reset': {success: [], ...LOCAL},
  'config:set': {success: ['output-dir', '{dir}'], ...LOCAL},
  'create:extend': {success: ['--video', '{video}', '--prompt', 'contract walk'], ...CREATES},
  'create:image': {success: ['--prompt', 'contract walk'], ...CREATES},
  'create:modify': {success: ['--video', '{video}', '--prompt', 'contract walk'], ...CREATES},
  'create:motion-control': {
    success: ['--image', PNG, '--video', '{video}'],
    ...CREATES,
    marker: ['--image', 'upload/person {marker}.png'],
  },
  'create:music': {success: ['--prompt', 'contract walk', '--instrumental'], ...CREATES},
  'create:reference': {success: ['--images', PNG, '--prompt', 'contract walk'], ...CREATES},
  'create:sound': {success: ['--video', '{video}', '--prompt', 'contract walk'], ...CREATES},
  'create:speech': {
    success: ['--video', '{video}', '--tts-text', 'contract walk'],
    ...CREATES,
    marker: ['--tts-text', '{marker}'],
  },
  'create:template': {success: ['--template-id', '{template}', '--prompt', 'contract walk'], ...CREATES},
  'create:transition': {success: ['--images', PNG, JPG, '--prompt', 'contract walk'], ...CREATES},
  'create:upscale': {success: ['--video', '{video}'], ...CREATES, marker: ['--video', 'upload/clip {marker}.mp4']},
  'create:video': {success: ['--prompt', 'contract walk'], ...CREATES},
  'create:voice': {
    success: ['--text', 'contract walk', '--voice-id', 'mm_aria'],
    ...CREATES,
    marker: ['--text', '{marker}'],
  },
  models: {success: ['video'], ...LOCAL},
  'models:info': {success: ['sora-2'], ...LOCAL},
  'music:models': {success: [], ...SERVICE},
  'sandbox:serve': {skip: 'runs until stopped; test/helpers/sandbox.ts starts it for every suite'},
  // No --sandbox command ran in the walk's home: status and stop report that nothing runs.
  'sandbox:status': {success: [], ...LOCAL},
  'sandbox:stop': {success: [], ...LOCAL},
  'saved:add': {success: ['{video}', '--type', 'video', '--folder', '{folder}'], ...SERVICE},
  'saved:delete': {success: ['{doomed}'], ...SERVICE},
  'saved:items': {success: ['{folder}', '--type', 'video'], ...SERVICE},
  'saved:list': {success: [], ...SERVICE},
  'saved:new': {success: ['contract walk'], ...SERVICE},
  'saved:remove': {success: ['{video}', '--type', 'video', '--folder', '{folder}'], ...SERVICE},
  'saved:rename': {success: ['{folder}', 'renamed by the walk'], ...SERVICE},
  // --json (and CI=1, set by runCli) never opens a browser: the command only prints the URL.
  subscribe: {success: [], ...LOCAL},
  'task:status': {success: ['{video}'], ...SERVICE},
  'task:wait': {success: ['{video}'], ...SERVICE, waits: true},
  'template:categories': {success: [], ...SERVICE},
  'template:info': {success: ['{template}'], ...SERVICE},
  'template:list': {success: ['--category', '301', '--limit', '5'], ...SERVICE},
  'template:search': {success: ['zoom'], ...SERVICE},
  // PIXVERSE_UPDATE_COMMAND stands in for `npm install -g pixverse@latest`: npm never runs in a test.
  update: {success: [], env: {PIXVERSE_UPDATE_COMMAND: 'echo updated by the contract walk'}},
  'voice:models': {success: [], ...SERVICE},
  'voice:presets': {success: ['--provider', 'minimax', '--page-size', '5'], ...SERVICE},
  'workspace:list': {success: [], ...SERVICE},
  // Like subscribe: --json and CI only print the URL.
  'workspace:manage': {success: [], ...LOCAL},
  'workspace:status': {success: [], ...SERVICE},
  // Switching to the personal workspace (already active) keeps every other row's context.
  'workspace:switch': {success: ['0'], ...SERVICE},
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
  const manifest = JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8')) as {
    commands: Record<string, ManifestCommand>
  }
  return Object.values(manifest.commands).sort((a, b) => a.id.localeCompare(b.id))
}

/** `create:video` → ['create', 'video'] (the topic separator is a space). */
export function commandWords(id: string): string[] {
  return id.split(':')
}

export function fillPlaceholders(args: string[], values: Record<string, string>): string[] {
  return args.map((arg) =>
    arg.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name === 'fresh_file' ? join(mkdtempSync(join(tmpdir(), 'pixverse-walk-')), 'file') : (values[name] ?? whole),
    ),
  )
}
