import {expect} from 'chai'

import {hoistGlobalFlags} from '../../src/argv.js'

describe('hoistGlobalFlags', function () {
  it('moves global flags written before the command after the command words', function () {
    expect(hoistGlobalFlags(['--json', 'create', 'video', '--prompt', 'x'])).to.deep.equal([
      'create',
      'video',
      '--json',
      '--prompt',
      'x',
    ])
    expect(hoistGlobalFlags(['--workspace-id', '42', '-p', 'asset', 'list'])).to.deep.equal([
      'asset',
      'list',
      '--workspace-id',
      '42',
      '-p',
    ])
    expect(hoistGlobalFlags(['--trace-id=abc', 'task', 'status', '1'])).to.deep.equal([
      'task',
      'status',
      '1',
      '--trace-id=abc',
    ])
  })

  it('leaves ordinary command lines alone', function () {
    expect(hoistGlobalFlags(['create', 'video', '--json'])).to.deep.equal(['create', 'video', '--json'])
    expect(hoistGlobalFlags([])).to.deep.equal([])
  })

  it('maps -V to --version', function () {
    expect(hoistGlobalFlags(['-V'])).to.deep.equal(['--version'])
  })
})
