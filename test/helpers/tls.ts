import {execFileSync} from 'node:child_process'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {PRODUCTION_HOSTS} from '../../src/sandbox/hosts.js'

export interface TestCertificates {
  /** The throw-away CA the CLI trusts through NODE_EXTRA_CA_CERTS. */
  caFile: string
  /** The sandbox's certificate for the production names, signed by that CA, and its key. */
  certFile: string
  keyFile: string
}

let made: TestCertificates | undefined

/**
 * A CA and a server certificate for the production host names, made with openssl once per test run
 * (in a temp folder, never committed): the sandbox serves them, only the test CLIs trust the CA.
 */
export function testCertificates(): TestCertificates {
  if (made) return made
  const dir = mkdtempSync(join(tmpdir(), 'pixverse-test-ca-'))
  const file = (name: string) => join(dir, name)
  const openssl = (...args: string[]) => execFileSync('openssl', args, {stdio: ['ignore', 'ignore', 'pipe']})
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=pixverse test CA',
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.pem'),
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  )
  openssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=pixverse sandbox',
    '-keyout',
    file('server.key'),
    '-out',
    file('server.csr'),
  )
  const names = [...PRODUCTION_HOSTS.map((name) => `DNS:${name}`), 'IP:127.0.0.1'].join(',')
  writeFileSync(file('server.ext'), `subjectAltName=${names}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`)
  openssl(
    'x509',
    '-req',
    '-in',
    file('server.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    file('server.ext'),
    '-out',
    file('server.pem'),
  )
  made = {caFile: file('ca.pem'), certFile: file('server.pem'), keyFile: file('server.key')}
  return made
}
