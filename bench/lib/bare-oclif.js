import {spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

/**
 * A bare oclif 4 app with the same oclif plugins as pixverse, a shipped manifest and one command
 * that prints `{"hello":"world"}`: what any command of any oclif CLI costs on this machine, the
 * floor under every pixverse figure. Built in a temp folder on pixverse's own node_modules.
 */
export function createBareOclifApp() {
  const dir = mkdtempSync(join(tmpdir(), 'pixverse-bench-bare-oclif-'))
  const remove = () => rmSync(dir, {recursive: true, force: true})
  try {
    writeApp(dir)
  } catch (error) {
    remove()
    throw error
  }

  return {bin: join(dir, 'bin/run.js'), remove}
}

function writeApp(dir) {
  const pjson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
  const plugins = pjson.oclif.plugins.filter((name) => name.startsWith('@oclif/'))
  const dependencies = Object.fromEntries(['@oclif/core', ...plugins].map((name) => [name, pjson.dependencies[name]]))
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      name: 'bare-oclif',
      version: '1.0.0',
      type: 'module',
      files: ['bin', 'dist'],
      dependencies,
      oclif: {bin: 'bare', dirname: 'pixverse-bench-bare', commands: './dist/commands', topicSeparator: ' ', plugins},
    }),
  )
  mkdirSync(join(dir, 'bin'))
  mkdirSync(join(dir, 'dist/commands'), {recursive: true})
  writeFileSync(join(dir, 'bin/run.js'), "import {execute} from '@oclif/core'\nawait execute({dir: import.meta.url})\n")
  writeFileSync(
    join(dir, 'dist/commands/hello.js'),
    [
      "import {Command} from '@oclif/core'",
      'export default class Hello extends Command {',
      "  static description = 'Say hello'",
      '  static enableJsonFlag = true',
      "  async run() { return {hello: 'world'} }",
      '}',
      '',
    ].join('\n'),
  )
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir')
  const manifest = spawnSync(process.execPath, [join(ROOT, 'node_modules/oclif/bin/run.js'), 'manifest'], {
    cwd: dir,
    encoding: 'utf8',
  })
  if (manifest.status !== 0) throw new Error(`oclif manifest failed for the bare app: ${manifest.stderr}`)
}
