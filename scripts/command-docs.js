#!/usr/bin/env node
// The command reference in docs/commands/, generated from the commands (`oclif readme --multi`).
//   node scripts/command-docs.js          regenerate docs/commands/
//   node scripts/command-docs.js --check  regenerate into a temporary folder and fail on any difference
// Reads oclif.manifest.json, so run it after `npm run build`.
import {execFileSync} from 'node:child_process'
import {mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const DOCS = join(ROOT, 'docs', 'commands')
const HEADER = `# Command reference

Generated from the commands by \`npm run docs:commands\` (\`oclif readme --multi\`); do not edit
by hand. \`npm run lint\` fails when this folder is not what the commands say.

<!-- commands -->
<!-- commandsstop -->
`

function generate(outDir) {
  rmSync(outDir, {recursive: true, force: true})
  mkdirSync(outDir, {recursive: true})
  const readme = join(outDir, 'README.md')
  writeFileSync(readme, HEADER)
  const oclif = join(ROOT, 'node_modules', '.bin', 'oclif')
  const relative = outDir.slice(ROOT.length + 1)
  execFileSync(
    oclif,
    ['readme', '--multi', '--no-source-links', '--readme-path', join(relative, 'README.md'), '--output-dir', relative],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {...process.env, OCLIF_SKIP_NEW_VERSION_CHECK: '1', PIXVERSE_SKIP_NEW_VERSION_CHECK: '1'},
    },
  )
  // oclif links the topic pages relative to the repository root; the index lives beside them.
  const index = readFileSync(readme, 'utf8').replaceAll(`](${relative}/`, '](')
  writeFileSync(readme, index)
}

if (process.argv.includes('--check')) {
  // Inside the repository (tmp/ is ignored): oclif writes the topic pages relative to the working folder.
  const fresh = join(ROOT, 'tmp', `command-docs-${process.pid}`)
  generate(fresh)
  const names = (dir) => readdirSync(dir).sort()
  const stale = [...new Set([...names(fresh), ...names(DOCS)])].filter((name) => {
    const read = (dir) => {
      try {
        return readFileSync(join(dir, name), 'utf8')
      } catch {
        return undefined
      }
    }

    return read(fresh) !== read(DOCS)
  })
  rmSync(fresh, {recursive: true, force: true})
  if (stale.length > 0) {
    console.error(
      `docs/commands/ is stale (${stale.join(', ')}): run \`node scripts/command-docs.js\` and commit the result`,
    )
    process.exit(1)
  }
} else {
  generate(DOCS)
}
