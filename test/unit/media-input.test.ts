import {expect} from 'chai'
import {copyFileSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {homedir, tmpdir} from 'node:os'
import {join} from 'node:path'

import {classifyMediaInput, isMediaPath} from '../../src/api/media-input.js'
import {ROOT} from '../helpers/cli.js'

describe('media input classification (docs/protocol.md §3.0)', function () {
  it('recognises each of the four forms', function () {
    expect(classifyMediaInput('--image', 'https://example.com/a.png')).to.deep.equal({
      form: 'url',
      value: 'https://example.com/a.png',
    })
    const file = join(ROOT, 'fixtures', 'media', 'sample.png')
    expect(classifyMediaInput('--image', file)).to.deep.equal({form: 'file', value: file})
    expect(classifyMediaInput('--image', '12345')).to.deep.equal({form: 'id', value: 12_345})
    expect(classifyMediaInput('--image', 'upload/abc.jpg')).to.deep.equal({form: 'media-path', value: 'upload/abc.jpg'})
  })

  it('refuses http, other schemes and things that are none of the forms', function () {
    expect(() => classifyMediaInput('--image', 'http://example.com/a.png')).to.throw(/Only HTTPS URLs are allowed/)
    expect(() => classifyMediaInput('--video', 'ftp://host/a.mp4')).to.throw(/--video/)
    expect(() => classifyMediaInput('--image', './missing.jpg')).to.throw(
      /--image value "\.\/missing\.jpg": no such file/,
    )
    expect(() => classifyMediaInput('--image', '0')).to.throw(/not a valid input/)
  })

  it('a mistyped relative path is "no such file", never a media path to send; quotes and ~ are what a person meant', function () {
    expect(() => classifyMediaInput('--image', 'photos/cat.png')).to.throw(/no such file/)
    expect(() => classifyMediaInput('--image', 'cat.png')).to.throw(/no such file/)
    const file = join(ROOT, 'fixtures', 'media', 'sample.png')
    expect(classifyMediaInput('--image', `'${file}'`)).to.deep.equal({form: 'file', value: file})
    expect(classifyMediaInput('--image', `"${file}"`)).to.deep.equal({form: 'file', value: file})
    expect(classifyMediaInput('--image', 'video/390000000001.mp4')).to.deep.equal({
      form: 'media-path',
      value: 'video/390000000001.mp4',
    })
  })

  it('checks a local file by its content before any request: a folder, a text file named .png, a pixel bomb', function () {
    const dir = mkdtempSync(join(tmpdir(), 'pixverse-media-'))
    expect(() => classifyMediaInput('--image', dir)).to.throw(/is a folder/)
    const text = join(dir, 'notes.png')
    writeFileSync(text, 'just some text, not an image at all')
    expect(() => classifyMediaInput('--image', text)).to.throw(/not a PNG, JPEG or WebP/)
    // A valid PNG signature and IHDR claiming 100000x100000 pixels, and nothing else.
    const header = Buffer.alloc(33)
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(header, 0)
    header.writeUInt32BE(13, 8)
    header.write('IHDR', 12, 'ascii')
    header.writeUInt32BE(100_000, 16)
    header.writeUInt32BE(100_000, 20)
    const bomb = join(dir, 'bomb.png')
    writeFileSync(bomb, header)
    expect(() => classifyMediaInput('--image', bomb)).to.throw(/pixels/)
    const home = join(homedir(), `.pixverse-media-test-${process.pid}.png`)
    copyFileSync(join(ROOT, 'fixtures', 'media', 'sample.png'), home)
    try {
      expect(classifyMediaInput('--image', `~/.pixverse-media-test-${process.pid}.png`)).to.deep.equal({
        form: 'file',
        value: home,
      })
    } finally {
      rmSync(home)
    }
  })

  it('accepts only relative, clean media paths', function () {
    for (const good of ['upload/a.jpg', 'pixverse/mp4/x.mp4', 'a/b']) expect(isMediaPath(good), good).to.equal(true)
    for (const bad of ['/abs/a.jpg', './a/b', '../a/b', '~/a/b', 'a/../b', 'a//b', 'noslash', 's3://a/b', 'a\\b']) {
      expect(isMediaPath(bad), bad).to.equal(false)
    }
  })
})
