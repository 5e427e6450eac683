/**
 * "3 min ago" for a person; the exact time stays in --json. Anything that is not a date is
 * returned as it came, and a date over a week old is shown as its day (2026-11-20).
 */
export function relativeTime(value: unknown, now = Date.now()): string {
  if (typeof value !== 'string' && typeof value !== 'number')
    return value === null || value === undefined ? '-' : String(value)
  const time = typeof value === 'number' ? (value < 1e12 ? value * 1000 : value) : Date.parse(value)
  if (!Number.isFinite(time)) return String(value)
  const seconds = Math.round((now - time) / 1000)
  if (seconds < 0) return new Date(time).toISOString().slice(0, 10)
  if (seconds < 45) return 'just now'
  const minutes = Math.round(seconds / 60)
  if (minutes < 60) return `${minutes} min ago`
  const hours = Math.round(minutes / 60)
  if (hours < 24) return `${hours} h ago`
  const days = Math.round(hours / 24)
  if (days < 8) return days === 1 ? 'yesterday' : `${days} days ago`
  return new Date(time).toISOString().slice(0, 10)
}
