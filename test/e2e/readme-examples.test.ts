import {expect} from 'chai'
import {cpSync, mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {ROOT} from '../helpers/cli.js'
import {useSandbox} from '../helpers/sandbox.js'

/** README's command lines that use the example files, split like a shell would (quotes kept simple). */
function readmeLinesUsingExamples(): string[][] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
  const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1])
  return blocks
    .flatMap((block) => block.split('\n'))
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line.startsWith('pixverse ') && line.includes('examples/'))
    .map((line) => [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]).slice(1))
}

describe('README examples run as written on a fresh clone', function () {
  const ctx = useSandbox()

  it('ships the files README uses, and every line that uses them succeeds against the sandbox', async function () {
    const lines = readmeLinesUsingExamples()
    expect(lines.length).to.be.at.least(3)
    // A copy of examples/ in a fresh folder stands for the clone, so the batch state file lands there.
    const clone = mkdtempSync(join(tmpdir(), 'pixverse-clone-'))
    cpSync(join(ROOT, 'examples'), join(clone, 'examples'), {
      recursive: true,
      filter: (src) => !src.includes('node_modules') && !src.endsWith('.state.json'),
    })
    for (const args of lines) {
      const result = await ctx.cli(args, {cwd: clone, timeoutMs: 120_000})
      expect(result.exitCode, `pixverse ${args.join(' ')}\n${result.stderr}`).to.equal(0)
    }
  })
})
