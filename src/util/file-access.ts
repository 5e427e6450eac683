import {existsSync, realpathSync, statSync} from 'node:fs'
import {basename, dirname, isAbsolute, join, relative, resolve, sep} from 'node:path'

import {pixverseHome} from '../config/paths.js'
import {validationError} from '../errors.js'

/**
 * Which local files a command may read (text inputs, media to upload) and where it may write
 * (download folders, `--output`), decided once by whoever started it: a person on the command line
 * may name any file, a batch manifest only files beside it, an agent's MCP tool call only the
 * folders `mcp serve` was given. Files under PIXVERSE_HOME (the login) and in dot-folders such as
 * `~/.ssh` are never read, whoever asks.
 */
export interface FileAccessPolicy {
  /** Who is asking, for messages: "an MCP tool call", "manifest rows". */
  readonly source: string
  /** Relative paths are resolved against this folder. */
  readonly base: string
  /** Files are read only inside this folder ('anywhere' on the command line); none: values are text. */
  readonly readRoot?: string
  /** Outputs only inside this folder ('anywhere' on the command line); none: nothing is written. */
  readonly writeRoot?: string
  /** How to allow what was refused, for the error's hint. */
  readonly hint?: string
}

export const ANYWHERE = 'anywhere'

export function commandLinePolicy(): FileAccessPolicy {
  return {source: 'the command line', base: process.cwd(), readRoot: ANYWHERE, writeRoot: ANYWHERE}
}

/** Manifest rows name files relative to the manifest, and never above its folder. */
export function manifestPolicy(manifest: string): FileAccessPolicy {
  const folder = dirname(resolve(manifest))
  return {source: 'a manifest row', base: folder, readRoot: folder, writeRoot: ANYWHERE}
}

/** An agent's tool calls: nothing local unless `mcp serve` was given folders to read and write. */
export function mcpPolicy(folders: {readDir?: string; writeDir?: string}): FileAccessPolicy {
  if (folders.readDir !== undefined && !(existsSync(folders.readDir) && statSync(folders.readDir).isDirectory())) {
    throw validationError(`--allow-dir ${folders.readDir} is not a folder`)
  }

  return {
    source: 'an MCP tool call',
    base: process.cwd(),
    readRoot: folders.readDir === undefined ? undefined : resolve(folders.readDir),
    writeRoot: folders.writeDir === undefined ? undefined : resolve(folders.writeDir),
    hint: 'Start `pixverse mcp serve` with --allow-dir <folder> (files to read) or --output-dir <folder> (where to save).',
  }
}

/**
 * The file a text input names, if it is to be read: undefined means the value is the text itself
 * (no such file, or a policy that reads no files). A file the policy refuses is exit 6.
 */
export function textInputFile(policy: FileAccessPolicy, value: string, label: string): string | undefined {
  if (policy.readRoot === undefined || value === '' || value.length >= 4096) return undefined
  const path = resolve(policy.base, value)
  if (!existsSync(path) || !statSync(path).isFile()) return undefined
  return assertReadable(policy, path, label)
}

/** A local file to read or upload, checked against the policy; returns its real path (exit 6 if refused). */
export function assertReadable(policy: FileAccessPolicy, file: string, label: string): string {
  const real = realpathSync(resolve(policy.base, file))
  const secret = secretReason(real)
  if (secret) throw validationError(`${label}: refusing to read ${real}: ${secret}`)
  if (policy.readRoot === undefined)
    throw validationError(`${label}: ${policy.source} may not read local files (${file})`, policy.hint)
  if (policy.readRoot !== ANYWHERE && !inside(real, realpathSync(policy.readRoot))) {
    throw validationError(
      `${label}: ${file} is outside ${policy.readRoot}, the only folder ${policy.source} may read from`,
      policy.hint,
    )
  }

  return real
}

/**
 * Where an output goes: `requested` (or `fallback` when not given) on the command line; over MCP a
 * path inside the write folder (relative paths are taken from it; its own root when not given).
 */
export function outputPath(
  policy: FileAccessPolicy,
  requested: string | undefined,
  fallback: () => string,
  label: string,
): string {
  if (policy.writeRoot === ANYWHERE) return requested ?? fallback()
  if (policy.writeRoot === undefined)
    throw validationError(`${label}: ${policy.source} may not write files`, policy.hint)
  const target = resolve(policy.writeRoot, requested ?? '.')
  const real = realOfNearest(target)
  const secret = secretReason(real)
  if (secret) throw validationError(`${label}: refusing to write to ${real}: ${secret}`)
  if (!inside(real, realOfNearest(policy.writeRoot))) {
    throw validationError(
      `${label}: ${requested} is outside ${policy.writeRoot}, the only folder ${policy.source} may write to`,
      policy.hint,
    )
  }

  return target
}

/** Why a path is never read or written for anyone: the CLI's own secrets, or a dot-folder's. */
function secretReason(real: string): string | undefined {
  if (inside(real, realOfNearest(pixverseHome())))
    return 'files under PIXVERSE_HOME (the login) are never read or written this way'
  const segments = real.split(sep).filter(Boolean)
  const dotted = segments.find((segment) => segment.startsWith('.'))
  if (dotted) return `files in dot-folders and dot-files (${dotted}) are never read or written this way`
  return undefined
}

/** The real path of `path`, or of its nearest existing folder with the rest appended (for paths to create). */
function realOfNearest(path: string): string {
  const absolute = resolve(path)
  if (existsSync(absolute)) return realpathSync(absolute)
  const parent = dirname(absolute)
  return parent === absolute ? absolute : join(realOfNearest(parent), basename(absolute))
}

function inside(path: string, folder: string): boolean {
  const rest = relative(folder, path)
  return rest === '' || (rest !== '..' && !rest.startsWith(`..${sep}`) && !isAbsolute(rest))
}
