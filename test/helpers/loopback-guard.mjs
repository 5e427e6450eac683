// Preloaded into every CLI the tests start: nothing may ever reach a real host.
// - A connection to anything but loopback is refused and recorded in test-output/network-violations.log,
//   which the run's global teardown turns into a failed suite. The refusal is EPERM, what a firewall
//   rule gives connect(): final, so a client does not spend its whole retry schedule on it (as it
//   would on ECONNREFUSED, which may be a server restarting). This covers tls connects too: a
//   TLSSocket is a net.Socket, and its connect goes through the same prototype method.
// - With PIXVERSE_TEST_NET ({"address", "names", "port"}), the production host names in `names`
//   resolve to `address` (a documentation address, so that host checks see a public host) and a
//   connection to `address` (or a name) on port 443 is rewritten to 127.0.0.1:`port`, the sandbox's
//   https listener. The CLI then runs with its production defaults, unchanged (CONTRIBUTING).
// - Every other name lookup (dns.lookup, dns.promises.lookup) fails with ENOTFOUND and is recorded.
// Mocha imports it too (.mocharc.json), so commands run in-process (run-command.ts) are held to the same rule.
import dns from 'node:dns'
import {appendFileSync, mkdirSync} from 'node:fs'
import {syncBuiltinESMExports} from 'node:module'
import net from 'node:net'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

const DEFAULT_LOG = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-output', 'network-violations.log')
const NET = process.env.PIXVERSE_TEST_NET ? JSON.parse(process.env.PIXVERSE_TEST_NET) : undefined
const NAMES = new Set((NET?.names ?? []).map((name) => name.toLowerCase()))
/** The error code of a refused connection (see above). */
const REFUSED = 'EPERM'
const connect = net.Socket.prototype.connect
const lookup = dns.lookup
const lookupPromise = dns.promises.lookup

function bare(host) {
  return String(host ?? 'localhost')
    .replace(/^\[|\]$/g, '')
    .toLowerCase()
}

function isLoopback(host) {
  const h = bare(host)
  return h === 'localhost' || h === '::1' || h.startsWith('127.') || h === '::ffff:127.0.0.1'
}

function violation(what) {
  // Read per violation: an in-process run sets the environment only while it runs.
  const log = process.env.PIXVERSE_TEST_GUARD_LOG || DEFAULT_LOG
  mkdirSync(dirname(log), {recursive: true})
  appendFileSync(log, `${new Date().toISOString()} ${process.argv.slice(2).join(' ')} -> ${what}\n`)
}

/** The sandbox's stand-in for a production name or its address on 443; undefined otherwise. */
function rewrite(host, port) {
  if (!NET) return undefined
  const h = bare(host)
  if ((NAMES.has(h) || h === NET.address) && Number(port) === 443) return {host: '127.0.0.1', port: NET.port}
  return undefined
}

/**
 * connect's arguments with other options. Node's own calls pass one pre-normalised array, marked by a
 * symbol; the copy keeps the mark, or Node would parse the array again as if it were the options.
 */
function withOptions(args, options) {
  if (Array.isArray(args[0])) {
    const normalised = args[0].slice()
    for (const symbol of Object.getOwnPropertySymbols(args[0])) normalised[symbol] = args[0][symbol]
    normalised[0] = options
    return [normalised, ...args.slice(1)]
  }

  return [options, ...args.slice(typeof args[0] === 'object' ? 1 : 2)]
}

net.Socket.prototype.connect = function (...args) {
  // Node calls connect with (options), (port, host) or, internally, ([options, callback]).
  const wrapped = Array.isArray(args[0])
  const first = wrapped ? args[0][0] : args[0]
  const options =
    typeof first === 'object' && first !== null
      ? first
      : {port: first, host: typeof args[1] === 'string' ? args[1] : undefined}
  // A unix socket names only a path; HTTP options also carry `path` (the URL path) next to host and port.
  const ipc = typeof options.path === 'string' && options.host === undefined && options.port === undefined
  if (ipc) return connect.apply(this, args)
  const target = rewrite(options.host, options.port)
  if (target) {
    const moved = {...options, ...target, lookup: undefined}
    return connect.apply(this, withOptions(args, moved))
  }

  // A pinned lookup (resolve-then-connect) decides the address itself: hold what it returns to the rule.
  if (!isLoopback(options.host) && typeof options.lookup === 'function' && !net.isIP(bare(options.host))) {
    const pinned = options.lookup
    const guarded = {
      ...options,
      lookup(hostname, lookupOptions, callback) {
        pinned(hostname, lookupOptions, (error, address, family) => {
          const all = Array.isArray(address) ? address : [{address, family}]
          const outside = all.find((entry) => !isLoopback(entry.address))
          if (!error && outside) {
            violation(`${hostname} (pinned to ${outside.address}):${options.port}`)
            callback(Object.assign(new Error(`test guard: ${outside.address} is not loopback`), {code: REFUSED}))
          } else callback(error, address, family)
        })
      },
    }
    return connect.apply(this, withOptions(args, guarded))
  }

  if (!isLoopback(options.host)) {
    violation(`${options.host}:${options.port}`)
    const error = Object.assign(
      new Error(`test guard: connection to ${options.host}:${options.port} refused (not loopback)`),
      {code: REFUSED},
    )
    process.nextTick(() => this.destroy(error))
    return this
  }

  return connect.apply(this, args)
}

/** The answer for a name: the sandbox address, loopback as asked, or a refusal (undefined). */
function resolveName(hostname) {
  const h = bare(hostname)
  if (NAMES.has(h)) return {address: NET.address, family: 4}
  if (net.isIP(h) || isLoopback(h)) return 'system'
  return undefined
}

function notFound(hostname) {
  violation(`lookup ${hostname}`)
  return Object.assign(new Error(`test guard: getaddrinfo ENOTFOUND ${hostname} (not a sandbox name)`), {
    code: 'ENOTFOUND',
    hostname,
  })
}

dns.lookup = function (hostname, options, callback) {
  const cb = typeof options === 'function' ? options : callback
  const opts = typeof options === 'object' && options !== null ? options : {}
  const answer = resolveName(hostname)
  if (answer === 'system') return lookup.call(this, hostname, options, callback)
  process.nextTick(() => {
    if (!answer) cb(notFound(hostname))
    else if (opts.all) cb(null, [answer])
    else cb(null, answer.address, answer.family)
  })
  return {}
}

dns.promises.lookup = async function (hostname, options) {
  const answer = resolveName(hostname)
  if (answer === 'system') return lookupPromise.call(this, hostname, options)
  if (!answer) throw notFound(hostname)
  return options?.all ? [answer] : answer
}

// `import {lookup} from 'node:dns'` (and dns/promises) must see the patched functions too.
syncBuiltinESMExports()
