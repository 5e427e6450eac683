#!/usr/bin/env node
// `--version` is answered before oclif loads: agents call it to probe the CLI, so it must be instant.
if (process.argv[2] === '--version' || process.argv[2] === '-V' || process.argv[2] === '-v') {
  const {readFileSync} = await import('node:fs')
  process.stdout.write(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version + '\n')
} else {
  const {execute} = await import('@oclif/core/execute')
  const {hoistGlobalFlags} = await import('../dist/argv.js')
  await execute({args: hoistGlobalFlags(process.argv.slice(2)), dir: import.meta.url})
}
