import {expect} from 'chai'
import {join} from 'node:path'

import {classifyMediaInput, isMediaPath} from '../../src/api/media-input.js'
import {ROOT} from '../helpers/cli.js'

describe('media input classification (api.md §3.0)', function () {
  it('recognises each of the four forms', function () {
    expect(classifyMediaInput('--image', 'https://example.com/a.png')).to.deep.equal({form: 'url', value: 'https://example.com/a.png'})
    const file = join(ROOT, 'fixtures', 'media', 'sample.png')
    expect(classifyMediaInput('--image', file)).to.deep.equal({form: 'file', value: file})
    expect(classifyMediaInput('--image', '12345')).to.deep.equal({form: 'id', value: 12_345})
    expect(classifyMediaInput('--image', 'upload/abc.jpg')).to.deep.equal({form: 'media-path', value: 'upload/abc.jpg'})
  })

  it('refuses http, other schemes and things that are none of the forms', function () {
    expect(() => classifyMediaInput('--image', 'http://example.com/a.png')).to.throw(/Only HTTPS URLs are allowed/)
    expect(() => classifyMediaInput('--video', 'ftp://host/a.mp4')).to.throw(/--video/)
    expect(() => classifyMediaInput('--image', './missing.jpg')).to.throw(/--image value "\.\/missing\.jpg" is not a valid input/)
    expect(() => classifyMediaInput('--image', '0')).to.throw(/not a valid input/)
  })

  it('accepts only relative, clean media paths', function () {
    for (const good of ['upload/a.jpg', 'pixverse/mp4/x.mp4', 'a/b']) expect(isMediaPath(good), good).to.equal(true)
    for (const bad of ['/abs/a.jpg', './a/b', '../a/b', '~/a/b', 'a/../b', 'a//b', 'noslash', 's3://a/b', 'a\\b']) {
      expect(isMediaPath(bad), bad).to.equal(false)
    }
  })
})
