import {expect} from 'chai'
import {createServer} from 'node:http'
import type {AddressInfo} from 'node:net'
import {get} from 'node:http'

import {pinnedLookup} from '../../src/api/remote-media.js'

/**
 * Remote media is fetched from the address that passed the private-address check: the connection
 * never asks DNS again (a rebinding server could answer differently the second time).
 */
describe('pinnedLookup', function () {
  it('connects to the checked address whatever the host name resolves to', async function () {
    const server = createServer((req, res) => res.end(`host ${req.headers.host}`))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const {port} = server.address() as AddressInfo
    try {
      // `.invalid` never resolves (RFC 2606): only the pinned answer can reach the server.
      const body = await new Promise<string>((resolve, reject) => {
        get(
          {host: 'media.invalid', port, path: '/', lookup: pinnedLookup([{address: '127.0.0.1', family: 4}]) as never},
          (res) => {
            let text = ''
            res.on('data', (chunk) => (text += chunk))
            res.on('end', () => resolve(text))
          },
        ).on('error', reject)
      })
      expect(body).to.equal(`host media.invalid:${port}`)
    } finally {
      server.close()
    }
  })

  it('answers only with checked addresses of the family asked for', function () {
    const lookup = pinnedLookup([{address: '93.184.216.34', family: 4}])
    const answers: unknown[] = []
    lookup('x.example', {all: true}, (error, address) => answers.push(error ?? address))
    lookup('x.example', {family: 6}, (error) => answers.push((error as NodeJS.ErrnoException).code))
    expect(answers).to.deep.equal([[{address: '93.184.216.34', family: 4}], 'ENOTFOUND'])
  })
})
