import {expect} from 'chai'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import sharp from 'sharp'

import {ROOT} from '../helpers/cli.js'
import {useSandbox} from '../helpers/sandbox.js'

describe('media inputs: what a person types, checked before anything is sent', function () {
  this.timeout(90_000)
  const ctx = useSandbox()
  const dir = mkdtempSync(join(tmpdir(), 'pixverse-media-inputs-'))

  for (const [what, value, message] of [
    ['a mistyped relative path', 'photos/cat.png', /no such file/],
    ['a text file named .png', join(dir, 'notes.png'), /not a PNG, JPEG or WebP/],
    ['a folder', dir, /is a folder/],
  ] as const) {
    it(`${what} is exit 6 and nothing is sent or uploaded`, async function () {
      writeFileSync(join(dir, 'notes.png'), 'not an image')
      await ctx.sandbox.clearRequests()
      const result = await ctx.cli(['create', 'video', '--prompt', 'x', '--image', value, '--json'])
      expect(result.exitCode, result.stderr).to.equal(6)
      expect(String(result.errorJson().error)).to.match(message)
      expect(await ctx.sandbox.requests()).to.deep.equal([])
    })
  }

  it('an image header with no pixel data behind it, or a cut-off file, is exit 6 before any request', async function () {
    // A PNG that promises 5000x5000 pixels: signature, IHDR, IEND, and no IDAT (a few dozen bytes).
    const ihdr = Buffer.alloc(13)
    ihdr.writeUInt32BE(5000, 0)
    ihdr.writeUInt32BE(5000, 4)
    ihdr.set([8, 2, 0, 0, 0], 8)
    const chunk = (type: string, data: Buffer) => {
      const length = Buffer.alloc(4)
      length.writeUInt32BE(data.length)
      return Buffer.concat([length, Buffer.from(type, 'ascii'), data, Buffer.alloc(4)])
    }

    const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    const empty = join(dir, 'empty.png')
    writeFileSync(empty, Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IEND', Buffer.alloc(0))]))
    // The first 300 bytes of a real JPEG: its header survives, its scan does not.
    const cut = join(dir, 'cut.jpg')
    writeFileSync(cut, readFileSync(join(ROOT, 'fixtures', 'media', 'sample.jpg')).subarray(0, 300))
    for (const [file, message] of [
      [empty, /not a complete image: it has no pixel data/],
      [cut, /not a complete image/],
    ] as const) {
      await ctx.sandbox.clearRequests()
      const result = await ctx.cli(['create', 'video', '--prompt', 'x', '--image', file, '--json'])
      expect(result.exitCode, result.stderr).to.equal(6)
      expect(String(result.errorJson().error)).to.match(message)
      expect(await ctx.sandbox.requests()).to.deep.equal([])
    }

    // The real files still pass.
    const whole = await ctx.cli([
      'create',
      'video',
      '--prompt',
      'x',
      '--image',
      join(ROOT, 'fixtures', 'media', 'sample.jpg'),
      '--no-wait',
      '--json',
    ])
    expect(whole.exitCode, whole.stderr).to.equal(0)
  })

  it('a drag-and-dropped (quoted) path is the file; a large image says what it was resized to', async function () {
    const big = join(dir, 'wide.png')
    await sharp({create: {width: 2400, height: 1200, channels: 3, background: '#336699'}})
      .png()
      .toFile(big)
    const result = await ctx.cli(['create', 'image', '--prompt', 'x', '--image', `'${big}'`], {cwd: ROOT})
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(result.stderr).to.match(/resized to 1920x960/)
  })
})
