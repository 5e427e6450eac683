import {type Server, type Socket, createServer} from 'node:net'

export interface HangingServer {
  /** An API base on it (…/creative_platform), for PIXVERSE_API_BASE. */
  url: string
  host: string
  /** Connections open now, and the most ever open at once. */
  open(): number
  peak(): number
  close(): Promise<void>
}

/** A loopback server that accepts every connection and never answers: the worst a host can do. */
export async function startHangingServer(): Promise<HangingServer> {
  const sockets = new Set<Socket>()
  let peak = 0
  const server: Server = createServer((socket) => {
    sockets.add(socket)
    peak = Math.max(peak, sockets.size)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as {port: number}
  return {
    url: `http://127.0.0.1:${port}/creative_platform`,
    host: `127.0.0.1:${port}`,
    open: () => sockets.size,
    peak: () => peak,
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
