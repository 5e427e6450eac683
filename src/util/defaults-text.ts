import {renderTable} from './table.js'

/** `v6 · 720p · 5 s · 16:9 · audio · multi-shot · count 1`: one mode's creation defaults on one line. */
export function defaultsLine(values: Record<string, unknown>): string {
  const parts: string[] = []
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null) continue
    if (key === 'model' || key === 'quality' || key === 'aspect_ratio') parts.push(String(value))
    else if (key === 'duration') parts.push(`${String(value)} s`)
    else if (key === 'audio') parts.push(value === true ? 'audio' : 'no audio')
    else if (key === 'multi_shot') parts.push(value === true ? 'multi-shot' : 'single shot')
    else parts.push(`${key.replace(/_/g, '-')} ${String(value)}`)
  }

  return parts.join(' · ')
}

/** `config defaults [show] [mode]` for a person: a row per mode, then how to change one. */
export function defaultsText(result: Record<string, unknown>, bin: string): string {
  if (typeof result.mode === 'string') {
    const values = (result.defaults ?? {}) as Record<string, unknown>
    return [
      `${result.mode}: ${defaultsLine(values)}`,
      `Change one: ${bin} config defaults set ${result.mode} <key> <value>`,
    ].join('\n')
  }

  const rows = Object.entries(result).map(([mode, values]) => ({
    mode,
    defaults: defaultsLine((values ?? {}) as Record<string, unknown>),
  }))
  return [renderTable(rows, ['mode', 'defaults']), `Change one: ${bin} config defaults set <mode> <key> <value>`].join(
    '\n',
  )
}
