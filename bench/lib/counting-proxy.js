// A loopback TCP proxy in front of an http URL that counts the connections open at once (the bench's
// fan-out figure, and the fan-out test's bound). Plain JS so the bench runs without a build step.
import {connect, createServer} from 'node:net'

export async function startCountingProxy(target) {
  const upstream = new URL(target)
  const open = new Set()
  let peak = 0
  const server = createServer((client) => {
    open.add(client)
    peak = Math.max(peak, open.size)
    const service = connect(Number(upstream.port), upstream.hostname)
    client.pipe(service).pipe(client)
    const end = () => {
      open.delete(client)
      client.destroy()
      service.destroy()
    }

    client.on('close', end).on('error', end)
    service.on('close', end).on('error', end)
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = new URL(target)
  url.host = `127.0.0.1:${server.address().port}`
  return {
    url: url.toString().replace(/\/$/, ''),
    peak: () => peak,
    async close() {
      for (const socket of open) socket.destroy()
      await new Promise((resolve) => server.close(() => resolve()))
    },
  }
}
