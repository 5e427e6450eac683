// A loopback HTTP proxy in front of an http URL that counts the client connections open at once (the
// bench's fan-out figure, and the fan-out test's bound). It forwards each request with the target's
// own Host, as the sandbox answers only to the host and port it serves. Plain JS so the bench runs
// without a build step.
import {Agent, createServer, request} from 'node:http'

export async function startCountingProxy(target) {
  const upstream = new URL(target)
  const agent = new Agent({keepAlive: true})
  const open = new Set()
  let peak = 0
  const server = createServer((incoming, answer) => {
    const forwarded = request(
      {
        agent,
        host: upstream.hostname,
        port: Number(upstream.port),
        method: incoming.method,
        path: incoming.url,
        headers: {...incoming.headers, host: upstream.host},
      },
      (response) => {
        answer.writeHead(response.statusCode ?? 502, response.headers)
        response.pipe(answer)
      },
    )
    forwarded.on('error', () => answer.destroy())
    incoming.pipe(forwarded)
  })
  server.on('connection', (socket) => {
    open.add(socket)
    peak = Math.max(peak, open.size)
    socket.on('close', () => open.delete(socket))
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = new URL(target)
  url.host = `127.0.0.1:${server.address().port}`
  return {
    url: url.toString().replace(/\/$/, ''),
    peak: () => peak,
    async close() {
      for (const socket of open) socket.destroy()
      agent.destroy()
      await new Promise((resolve) => server.close(() => resolve()))
    },
  }
}
