import {existsSync} from 'node:fs'
import {join, sep} from 'node:path'

export type InstallKind = 'npm' | 'git' | 'other'

/**
 * How this copy of pixverse was installed, from its root folder: a git checkout (run from the
 * repository), an npm package (inside a node_modules folder), or something else (a copied folder,
 * a tarball unpacked by hand). Only an npm install can be updated by npm.
 */
export function installKind(root: string): InstallKind {
  if (existsSync(join(root, '.git'))) return 'git'
  if (root.split(sep).includes('node_modules')) return 'npm'
  return 'other'
}
