import {expect} from 'chai'

import {allowedKeys, coerceValue, parseKey, parseMode} from '../../src/config/mode-defaults.js'

describe('config defaults rules (catalogue-driven)', function () {
  it('normalises modes and keys', function () {
    expect(parseMode('Motion-Control')).to.equal('motion_control')
    expect(parseKey('video', 'aspect-ratio')).to.equal('aspect_ratio')
    expect(() => parseMode('voice')).to.throw(/Unknown mode/)
  })

  it('derives keys from the catalogue', function () {
    expect(allowedKeys('upscale')).to.deep.equal(['quality'])
    expect(allowedKeys('video')).to.include.members(['model', 'duration', 'quality', 'aspect_ratio', 'count'])
  })

  it('coerces values as docs/protocol.md §7 says', function () {
    expect(coerceValue('video', 'count', '2')).to.equal(2)
    expect(coerceValue('video', 'audio', 'false')).to.equal(false)
    expect(coerceValue('video', 'quality', '1080p')).to.equal('1080p')
    expect(() => coerceValue('video', 'duration', 'x')).to.throw(/must be a number/)
    expect(coerceValue('upscale', 'quality', '2160p')).to.equal('2160p')
  })
})
