import {type TaskSnapshot, statusLabel} from '../api/tasks.js'

/** Pure text helpers shared by the line and terminal renderings of progress. */

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** `[██████░░░░░░] 48% 1.2 MB / 2.5 MB` (just the count when the total is unknown). */
export function byteBar(transferred: number, total: number, width = 24): string {
  if (!total) return formatBytes(transferred)
  const ratio = Math.max(0, Math.min(1, transferred / total))
  const filled = Math.round(ratio * width)
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}% ${formatBytes(transferred)} / ${formatBytes(total)}`
}

/** `0:07`, `1:02:03`. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000))
  const s = total % 60
  const m = Math.floor(total / 60) % 60
  const h = Math.floor(total / 3600)
  return h > 0
    ? `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`
    : `${m}:${String(s).padStart(2, '0')}`
}

/**
 * The phase of a task in words, with what `queue_data` tells (docs/protocol.md §4.2): time spent queued,
 * and once generation started, the expected time left.
 */
export function taskPhase(snapshot: TaskSnapshot, nowMs = Date.now()): string {
  const label = statusLabel(snapshot.statusCode)
  const queue = snapshot.raw.queue_data as
    {queue_time?: number; processing_start_time?: number; estimated_gen_time?: number} | undefined
  if (snapshot.state !== 'pending' || !queue) return label
  const estimate = Number(queue.estimated_gen_time) || 0
  const started = Number(queue.processing_start_time) || 0
  if (snapshot.statusCode === 10 || started > 0) {
    if (!started || !estimate) return 'Generating'
    const left = Math.max(0, Math.round(estimate - (nowMs / 1000 - started)))
    return `Generating (about ${left}s left of ~${estimate}s)`
  }

  const queued = Number(queue.queue_time) || 0
  return `In queue (${queued}s so far${estimate ? `, generation takes ~${estimate}s` : ''})`
}
