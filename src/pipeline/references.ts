/**
 * `${name}` names a variable (or `item`/`index` inside a for_each step), `${step.field}` an output
 * of an earlier step. A value that is exactly one reference takes the referenced value as it is
 * (a list stays a list); references inside longer text are replaced by their text.
 */
const REFERENCE = /\$\{\s*([a-z][a-z0-9_-]*)(?:\.([a-z][a-z0-9_-]*))?\s*\}/gi
const WHOLE = /^\$\{\s*([a-z][a-z0-9_-]*)(?:\.([a-z][a-z0-9_-]*))?\s*\}$/i

export interface Reference {
  /** A variable, `item`, `index`, or a step id. */
  name: string
  /** The output field of a step (`image`, `videos`, `id` …). */
  field?: string
}

export type Lookup = (ref: Reference, whole: boolean) => unknown

/** Every reference in a field value (strings, lists of strings). */
export function referencesIn(value: unknown): Reference[] {
  if (typeof value === 'string')
    return [...value.matchAll(REFERENCE)].map(([, name, field]) => ({name, ...(field ? {field} : {})}))
  if (Array.isArray(value)) return value.flatMap((item) => referencesIn(item))
  return []
}

/** The value with every reference replaced through `lookup`. */
export function substitute(value: unknown, lookup: Lookup): unknown {
  if (Array.isArray(value))
    return value.flatMap((item) => {
      const resolved = substitute(item, lookup)
      // `[${a.images}, x.png]` is one flat list.
      return Array.isArray(resolved) && typeof item === 'string' && WHOLE.test(item) ? resolved : [resolved]
    })
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, lookup)]))
  if (typeof value !== 'string') return value
  const whole = WHOLE.exec(value)
  if (whole) return lookup({name: whole[1], ...(whole[2] ? {field: whole[2]} : {})}, true)
  return value.replace(REFERENCE, (_, name: string, field?: string) => {
    const resolved = lookup({name, ...(field ? {field} : {})}, false)
    return Array.isArray(resolved) ? resolved.join(', ') : String(resolved)
  })
}

export function referenceText(ref: Reference): string {
  return `\${${ref.name}${ref.field ? `.${ref.field}` : ''}}`
}

/** Fields left empty (an optional variable with no value) are not set at all. */
export function withoutEmpty(fields: unknown): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields as Record<string, unknown>).filter(
      ([, value]) => value !== '' && value !== undefined && value !== null,
    ),
  )
}
