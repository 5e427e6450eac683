import type {ApiClient} from '../api/client.js'

export type SlotLimits = {video: number; image: number; audio: number}

/** Free slots per kind from the service, capped by --concurrency (batch runs and pipelines). */
export async function freeSlots(api: ApiClient, cap: number | undefined): Promise<SlotLimits> {
  let slots: Record<string, {remaining?: number; limit?: number; unlimited?: boolean}> = {}
  try {
    slots = await api.get('user/credits/concurrency')
  } catch {
    // Unknown slots: fall back to --concurrency (or a modest default) and the service's 500044 back-off.
  }

  const free = (kind: string) => {
    const entry = slots?.[kind]
    if (!entry || entry.unlimited) return cap ?? 4
    const remaining = Math.max(1, Number(entry.remaining ?? entry.limit ?? 1))
    return cap ? Math.min(cap, remaining) : remaining
  }

  return {video: free('video'), image: free('image'), audio: free('audio')}
}
