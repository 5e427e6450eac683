#!/usr/bin/env node
// Build step: got 14 is about 60 ES modules (got, cacheable-request, http2-wrapper, get-stream, …);
// resolving and linking them costs ~40 ms on every command that makes a request. One pre-bundled
// file (same got, same version, from node_modules) loads in a fraction of that. `src/api/http.ts`
// imports it, and falls back to the package when running from sources.
import {build} from 'esbuild'

await build({
  entryPoints: ['got'],
  outfile: 'dist/vendor/got.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Whitespace and syntax only: stack traces keep got's own names.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'eof',
  // http2-wrapper and friends are CommonJS and call require() for node built-ins.
  banner: {js: "import {createRequire as __pixverseCreateRequire} from 'node:module'; const require = __pixverseCreateRequire(import.meta.url);"},
  logLevel: 'warning',
})
process.stdout.write('bundled got into dist/vendor/got.js\n')
