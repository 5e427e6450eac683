export interface CountingProxy {
  /** `target` with its origin replaced by the proxy's. */
  url: string
  /** The most connections open through the proxy at one moment. */
  peak(): number
  close(): Promise<void>
}

export function startCountingProxy(target: string): Promise<CountingProxy>
