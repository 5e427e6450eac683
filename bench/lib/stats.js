/** Small statistics helpers: every figure is a median over repeated runs, compared to a baseline. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

export const fmt = {
  ms: (v) => `${v.toFixed(0)} ms`,
  s: (v) => `${v.toFixed(2)} s`,
  mib: (kb) => `${(kb / 1024).toFixed(1)} MiB`,
  ratio: (v) => `${v.toFixed(2)}x`,
  rate: (bytesPerMs) => `${((bytesPerMs * 1000) / 1024 / 1024).toFixed(0)} MiB/s`,
}

/** One summary line per figure, with a verdict against its target when there is one. */
export function report(name, text, ok) {
  const verdict = ok === undefined ? '' : ok ? '  [target met]' : '  [TARGET MISSED]'
  process.stdout.write(`${name.padEnd(34)} ${text}${verdict}\n`)
}
