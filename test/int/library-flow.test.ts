import {expect} from 'chai'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {tempHome} from '../helpers/cli.js'
import {cliFor, useSandbox} from '../helpers/sandbox.js'
import {useTestClock} from '../helpers/test-clock.js'

/**
 * A new user's first session, using only what `--help` documents: each flag is looked up in the
 * command's help before it is used, so an undocumented flag makes this test fail.
 */
describe('a new user: templates → create → asset list → folder → download', function () {
  // Only the sandbox is shared: each test binds its own CLI, with a fresh home.
  const ctx = useSandbox({login: false, inProcess: true})
  useTestClock({realMsPerSecond: 50}) // in-process: the subject is the commands, not the process

  it('completes the whole flow from the help texts alone', async function () {
    const cli = cliFor(ctx.sandbox, tempHome())
    const helpCache = new Map<string, string>()
    const run = async (command: string[], flags: string[] = [], positionals: string[] = []) => {
      const key = command.join(' ')
      if (!helpCache.has(key)) {
        const help = await cli([...command, '--help'])
        expect(help.exitCode, `${key} --help`).to.equal(0)
        helpCache.set(key, help.stdout)
      }

      for (const flag of flags.filter((word) => word.startsWith('--'))) {
        expect(helpCache.get(key), `${key} --help documents ${flag}`).to.include(flag)
      }

      const result = await cli([...command, ...positionals, ...flags, '--json'])
      expect(result.exitCode, `${key}: ${result.stderr}`).to.equal(0)
      return result.json<any>()
    }

    // The root help names every topic this flow needs.
    const root = (await cli(['--help'])).stdout
    for (const topic of ['auth', 'template', 'create', 'asset', 'saved'])
      expect(root).to.match(new RegExp(`^\\s+${topic}\\s`, 'm'))

    await run(['auth', 'login'])

    // Page through the templates until the last page.
    const categories = await run(['template', 'categories'])
    expect(categories.categories.length).to.be.above(0)
    const seen: any[] = []
    for (let page = 1; ; page++) {
      const list = await run(['template', 'list'], ['--limit', '15', '--page', String(page)])
      seen.push(...list.items)
      if (page * list.limit >= list.total) break
    }

    expect(seen).to.have.length(36)
    const picked = await run(['template', 'info'], [], [String(seen.find((t) => t.template_type === 1).template_id)])

    // Create a video from the template's prompt (create template belongs to another command).
    const created = await run(['create', 'video'], ['--prompt', picked.display_prompt])
    expect(created.status).to.equal('completed')

    // Find it in the library.
    const library = await run(['asset', 'list'], ['--type', 'video', '--limit', '10'])
    const mine = library.items.find((item: any) => item.id === created.video_id)
    expect(mine, 'the new video is in asset list').to.not.equal(undefined)
    expect(mine.prompt).to.equal(picked.display_prompt)

    // Put it in a new folder and see it there.
    const folder = await run(['saved', 'new'], [], ['Favourites'])
    await run(['saved', 'add'], ['--type', 'video', '--folder', String(folder.folder_id)], [String(mine.id)])
    const inFolder = await run(['saved', 'items'], [], [String(folder.folder_id)])
    expect(inFolder.items.map((item: any) => item.id)).to.deep.equal([mine.id])

    // Download it.
    const dest = join(cli.home, 'downloads')
    const downloaded = await run(['asset', 'download'], ['--dest', dest], [String(inFolder.items[0].id)])
    expect(downloaded.file.startsWith(dest)).to.equal(true)
    expect(readFileSync(downloaded.file).subarray(4, 8).toString('ascii')).to.equal('ftyp')
  })
})
