import {expect} from 'chai'

import {browserCommand} from '../../src/util/browser.js'

describe('browserCommand', function () {
  // A login URL is server-supplied: on Windows it must never pass through PowerShell or cmd.
  const hostile = 'https://app.pixverse.ai/x?a=1&calc.exe;$(whoami)"\'`'

  it('opens a URL on Windows through rundll32 with the URL as one argv entry, no shell', function () {
    const [command, args] = browserCommand(hostile, 'win32')
    expect(command).to.equal('rundll32')
    expect(args).to.deep.equal(['url.dll,FileProtocolHandler', hostile])
    expect([command, ...args].join(' ')).not.to.match(/powershell|cmd(\.exe)?\b|-Command/i)
  })

  it('passes the URL as the only argument on macOS and Linux', function () {
    expect(browserCommand(hostile, 'darwin')).to.deep.equal(['open', [hostile]])
    expect(browserCommand(hostile, 'linux')).to.deep.equal(['xdg-open', [hostile]])
  })
})
