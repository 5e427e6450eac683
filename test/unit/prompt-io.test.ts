import {expect} from 'chai'
import {readFileSync, readdirSync} from 'node:fs'
import {join, relative} from 'node:path'
import {PassThrough} from 'node:stream'

import {promptContext} from '../../src/wizard/prompt-io.js'
import {ROOT} from '../helpers/cli.js'

/** Every .ts file under `folder`, recursively. */
function sources(folder: string): string[] {
  return readdirSync(folder, {withFileTypes: true}).flatMap((entry) => {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) return sources(path)
    return entry.name.endsWith('.ts') ? [path] : []
  })
}

describe('prompts use the streams they are given (src/wizard/prompt-io.ts)', function () {
  it('no command or wizard module reaches for the process’s stdin, stdout or stderr', function () {
    const offenders = ['src/commands', 'src/wizard'].flatMap((folder) =>
      sources(join(ROOT, folder)).flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .map((line, n) => ({line, where: `${relative(ROOT, file)}:${n + 1}`}))
          .filter(({line}) => /\bprocess\.(stdin|stdout|stderr)\b/.test(line))
          .map(({where, line}) => `${where}: ${line.trim()}`),
      ),
    )
    expect(offenders).to.deep.equal([])
  })

  it('a prompt that ends leaves the command’s stderr open for the next prompt and the result', async function () {
    const {confirm} = await import('@inquirer/prompts')
    const stdin = Object.assign(new PassThrough(), {isTTY: true, setRawMode: () => stdin})
    const stderr = Object.assign(new PassThrough(), {isTTY: true, columns: 80})
    let drawn = ''
    stderr.on('data', (chunk: Buffer) => (drawn += chunk.toString()))
    const answers: boolean[] = []
    for (const [message, key] of [
      ['First?', 'y'],
      ['Second?', 'n'],
    ] as const) {
      const asking = confirm({message}, promptContext({stdin, stderr}))
      stdin.write(`${key}\r`)
      answers.push(await asking)
    }

    expect(answers).to.deep.equal([true, false])
    expect(stderr.writableEnded, 'stderr was ended by a prompt').to.equal(false)
    expect(drawn).to.include('First?').and.include('Second?')
  })
})
