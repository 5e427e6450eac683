// Preloaded into every CLI the tests start: a connection to anything but loopback is refused and
// recorded in test-output/network-violations.log, which the root hook turns into a failed suite.
// Tests talk to the sandbox over 127.0.0.1; nothing may ever reach a real host. Mocha imports it too
// (.mocharc.json), so commands run in-process (run-command.ts) are held to the same rule.
import {appendFileSync, mkdirSync} from 'node:fs'
import net from 'node:net'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

const DEFAULT_LOG = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-output', 'network-violations.log')
const connect = net.Socket.prototype.connect

function isLoopback(host) {
  const h = String(host ?? 'localhost')
    .replace(/^\[|\]$/g, '')
    .toLowerCase()
  return h === 'localhost' || h === '::1' || h.startsWith('127.') || h === '::ffff:127.0.0.1'
}

net.Socket.prototype.connect = function (...args) {
  // Node calls connect with (options), (port, host) or, internally, ([options, callback]).
  const first = Array.isArray(args[0]) ? args[0][0] : args[0]
  const options =
    typeof first === 'object' && first !== null
      ? first
      : {port: first, host: typeof args[1] === 'string' ? args[1] : undefined}
  // A unix socket names only a path; HTTP options also carry `path` (the URL path) next to host and port.
  const ipc = typeof options.path === 'string' && options.host === undefined && options.port === undefined
  if (!ipc && !isLoopback(options.host)) {
    // Read per connection: an in-process run sets the environment only while it runs.
    const log = process.env.PIXVERSE_TEST_GUARD_LOG || DEFAULT_LOG
    mkdirSync(dirname(log), {recursive: true})
    appendFileSync(
      log,
      `${new Date().toISOString()} ${process.argv.slice(2).join(' ')} -> ${options.host}:${options.port}\n`,
    )
    const error = Object.assign(
      new Error(`test guard: connection to ${options.host}:${options.port} refused (not loopback)`),
      {code: 'ECONNREFUSED'},
    )
    process.nextTick(() => this.destroy(error))
    return this
  }

  return connect.apply(this, args)
}
