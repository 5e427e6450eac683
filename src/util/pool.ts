/**
 * At most `size` jobs at once, the rest wait in order. One pool shared by everything that asks the
 * service about many ids (task status, task wait, batch polling), so 1,000 ids mean at most `size`
 * connections, not 1,000 sockets and their buffers at the same moment.
 */
export class Pool {
  private active = 0
  private readonly waiting: Array<() => void> = []

  constructor(readonly size: number) {}

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.active < this.size) this.active++
    // A finished job hands its place straight to the next one, so `active` never goes past `size`.
    else await new Promise<void>((resolve) => this.waiting.push(resolve))
    try {
      return await job()
    } finally {
      const next = this.waiting.shift()
      if (next) next()
      else this.active--
    }
  }
}
