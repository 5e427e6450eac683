import {
  COMMAND_TABLE,
  type ManifestCommand,
  type ManifestFlag,
  commandWords,
  fillPlaceholders,
} from './command-table.js'

/**
 * Invalid values for flags with a domain. Enums come from the manifest (`options`), so a new
 * command's enum flags are covered without touching this file; numbers and known shapes are
 * recognised by flag name (a name means the same thing in every command), and a numeric flag is
 * also recognised by a numeric default in the manifest.
 */
const BY_NAME: Record<string, string[]> = {
  count: ['abc', '0', '5', '2.5'],
  timeout: ['abc', '0', '-3'],
  'poll-interval': ['abc', '0'],
  seed: ['abc', '1.5'],
  duration: ['abc', '0', '-5'],
  port: ['abc', '70000', '-1'],
  credits: ['abc', '-5'],
  slots: ['abc', '0'],
  'task-seconds': ['abc', '-1', '0'],
  limit: ['abc', '0', '101'],
  page: ['abc', '0'],
  'trace-id': ['not-a-uuid', '123e4567-e89b-12d3-a456-426614174000'], // the second is a v1 UUID
  'workspace-id': ['-1', 'abc', '1.5'],
  ids: ['abc', '0', '12,x'],
  image: ['./no-such-file.png', 'http://example.com/cat.png', 'ftp://example.com/cat.png', './package.json'],
  images: ['./no-such-file.png', 'http://example.com/cat.png'],
  video: ['./no-such-file.mp4', 'http://example.com/clip.mp4'],
  videos: ['./no-such-file.mp4'],
  audio: ['./no-such-file.mp3'],
  audios: ['./no-such-file.mp3'],
  prompt: [''],
  text: [''], // a path that does not exist is literal text by design (--help)
  'tts-text': [''],
  faults: ['{not json', '{"rules":[{"endpoint":"*","kind":"no-such-kind"}]}'],
  // creation parameters whose range the catalogue knows (the default model's limits)
  'keyframe-time': ['abc', '-1', '1.5'],
  'duration-seconds': ['abc', '0', '5', '100000'],
  speed: ['abc', '0', '3'],
  volume: ['abc', '-1', '11'],
  pitch: ['abc', '13', '-13'],
  stability: ['abc', '-0.5', '1.5'],
  'similarity-boost': ['abc', '2'],
  style: ['abc', '2'],
  emotion: ['zz-not-an-emotion'],
  'template-id': ['abc', '0', '-1', '1.5'],
  // where results go: a path under a regular file can never be written
  output: ['./package.json/track.mp3'],
  dest: ['./package.json/videos'],
  // paging and browsing
  'page-size': ['abc', '0', '101'],
  folder: ['abc', '0', '-3'],
  category: ['abc', '0'],
  mode: ['zz-no-such-mode'],
  // batches
  concurrency: ['abc', '0'],
  download: ['./package.json/out'],
  state: ['./package.json/state.json'],
}

/** Positional arguments with a domain, by name: every id must be a positive integer. */
const ARGS_BY_NAME: Record<string, string[]> = {
  id: ['abc', '0', '-3', '1.5'],
  ids: ['abc', '0'],
  folder: ['abc', '0'],
  'workspace-id': ['abc', '-1'],
  mode: ['zz-no-such-mode'],
  input: ['./no-such-file.png'],
  manifest: ['./no-such-manifest.jsonl'],
}

export interface BadCase {
  command: string
  argv: string[]
  what: string
  /** the message must name this (the flag); undefined for positional arguments */
  names?: string
}

function valuesFor(flag: ManifestFlag, defaults: unknown): string[] {
  if (flag.type !== 'option') return []
  if (BY_NAME[flag.name]) return BY_NAME[flag.name]
  if (flag.options && flag.options.length > 0) return ['zz-not-a-choice']
  if (typeof defaults === 'number') return ['abc']
  return []
}

export function casesFor(command: ManifestCommand, values: Record<string, string>): BadCase[] {
  const row = COMMAND_TABLE[command.id]
  // Text-only plugin commands have no JSON errors to check (their row says why).
  if (!row || row.text) return []
  const base = fillPlaceholders(row.success ?? [], values)
  const cases: BadCase[] = []
  for (const flag of Object.values(command.flags)) {
    if (flag.hidden) continue
    for (const value of valuesFor(flag, (flag as {default?: unknown}).default)) {
      // Drop the success run's own value(s) for this flag (a multiple flag takes every word up to
      // the next flag), then give the bad one.
      const at = base.indexOf(`--${flag.name}`)
      let end = at + 2
      while (flag.multiple && at !== -1 && end < base.length && !base[end].startsWith('-')) end++
      const args = at === -1 ? [...base] : [...base.slice(0, at), ...base.slice(end)]
      cases.push({
        command: command.id,
        argv: [...commandWords(command.id), ...args, `--${flag.name}=${value}`],
        what: `--${flag.name}=${JSON.stringify(value)}`,
        names: `--${flag.name}`,
      })
    }
  }

  const argNames = Object.keys(command.args ?? {})
  for (const [index, name] of argNames.entries()) {
    for (const value of ARGS_BY_NAME[name] ?? []) {
      const args = [...base]
      args[index] = value
      cases.push({
        command: command.id,
        argv: [...commandWords(command.id), ...args],
        what: `<${name}>=${JSON.stringify(value)}`,
      })
    }
  }

  return cases
}
