#!/usr/bin/env node
// Build step: got 14 is about 60 ES modules (got, cacheable-request, http2-wrapper, get-stream, …);
// resolving and linking them costs ~40 ms on every command that makes a request. One pre-bundled
// file (same got, same version, from node_modules) loads in a fraction of that. `src/api/http.ts`
// imports it, and falls back to the package when running from sources.
import {build} from 'esbuild'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

const OUT = 'dist/vendor/got.js'
const {metafile} = await build({
  entryPoints: ['got'],
  outfile: OUT,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Whitespace and syntax only: stack traces keep got's own names.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'eof',
  // http2-wrapper and friends are CommonJS and call require() for node built-ins.
  banner: {
    js: "import {createRequire as __pixverseCreateRequire} from 'node:module'; const require = __pixverseCreateRequire(import.meta.url);",
  },
  metafile: true,
  logLevel: 'warning',
})

// The bundle is a copy of MIT-licensed packages: ship their notices next to it.
const packages = new Set(
  Object.keys(metafile.inputs)
    .map((path) => /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(path)?.[1])
    .filter(Boolean),
)
const notices = [...packages].sort().map((dir) => {
  const {name, version, license} = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
  const file = ['license', 'LICENSE', 'license.md', 'LICENSE.md', 'LICENSE.txt']
    .map((f) => join(dir, f))
    .find((f) => existsSync(f))
  return `${name}@${version} (${license})\n\n${file ? readFileSync(file, 'utf8').trim() : 'No license file shipped.'}\n`
})
writeFileSync(`${OUT}.LICENSES.txt`, `Packages bundled into got.js:\n\n${notices.join('\n---\n\n')}`)
process.stdout.write(`bundled got and ${packages.size - 1} dependencies into ${OUT}\n`)
