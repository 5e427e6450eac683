/**
 * The core CLI's public API (`src/index.ts` of `pixverse`). Inside this repository (packages/plugin-mcp)
 * it is the repository's own build, so the plugin and the CLI share one copy of every module; when
 * the plugin is installed as a package next to `pixverse`, it is resolved by name.
 */
import {readFileSync} from 'node:fs'
import type * as Core from 'pixverse'

const repositoryRoot = new URL('../../../', import.meta.url)

function inRepository(): boolean {
  try {
    return JSON.parse(readFileSync(new URL('package.json', repositoryRoot), 'utf8')).name === 'pixverse'
  } catch {
    return false
  }
}

const core: typeof Core = inRepository()
  ? await import(new URL('dist/index.js', repositoryRoot).href)
  : await import('pixverse')

export const {
  AuthedCommand,
  Flags,
  creations,
  mcpPolicy,
  pixverseHome,
  runInProcess,
  statusLabel,
  toCliError,
  validationError,
} = core
export type {CommandContext, InProcessOptions, InProcessResult, TaskSnapshot} from 'pixverse'
