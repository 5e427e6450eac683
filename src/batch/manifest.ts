import {readFileSync} from 'node:fs'
import {extname} from 'node:path'

import {validationError} from '../errors.js'
import {parseCsv} from './csv.js'

/** One creation of a batch: its mode and the same fields as the `create <mode>` flags. */
export interface ManifestRow {
  /** 1-based line in the manifest, for messages and results. */
  line: number
  /** Row number among creations (1-based), stable across runs. */
  row: number
  mode: string
  fields: Record<string, unknown>
}

/**
 * Reads a JSONL manifest (one JSON object per line, `#` comments and blank lines allowed) or a CSV
 * manifest (a header row of field names, one creation per row; list fields separated by `|`).
 * Field names may be written as flags (`aspect-ratio`), snake_case or camelCase.
 */
export function readManifest(file: string): ManifestRow[] {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw validationError(`Cannot read manifest ${file}: ${(error as Error).message}`)
  }

  const rows = isCsv(file, text) ? fromCsv(text) : fromJsonl(text)
  if (rows.length === 0) throw validationError(`Manifest ${file} has no rows`)
  return rows.map((row, index) => ({...row, row: index + 1}))
}

function isCsv(file: string, text: string): boolean {
  const ext = extname(file).toLowerCase()
  if (ext === '.csv') return true
  if (ext === '.jsonl' || ext === '.ndjson' || ext === '.json') return false
  return !text.trimStart().startsWith('{')
}

function fromJsonl(text: string): Array<Omit<ManifestRow, 'row'>> {
  const rows: Array<Omit<ManifestRow, 'row'>> = []
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1
    const trimmed = raw.trim()
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('//')) return
    let value: unknown
    try {
      value = JSON.parse(trimmed)
    } catch (error) {
      throw validationError(`Manifest line ${line}: not valid JSON (${(error as Error).message})`)
    }

    if (!value || typeof value !== 'object' || Array.isArray(value))
      throw validationError(`Manifest line ${line}: expected a JSON object`)
    rows.push(splitMode(line, value as Record<string, unknown>))
  })
  return rows
}

function fromCsv(text: string): Array<Omit<ManifestRow, 'row'>> {
  const [header, ...body] = parseCsv(text)
  if (!header) return []
  const names = header.cells.map((name) => name.trim())
  return body.map(({line, cells}) => {
    if (cells.length > names.length)
      throw validationError(`Manifest line ${line}: ${cells.length} cells but the header names ${names.length}`)
    const record: Record<string, unknown> = {}
    cells.forEach((cell, i) => {
      if (cell.trim() !== '') record[names[i]] = cell
    })
    return splitMode(line, record)
  })
}

function splitMode(line: number, record: Record<string, unknown>): Omit<ManifestRow, 'row'> {
  const fields: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(record)) fields[flagKey(key)] = value
  const mode = fields.mode
  delete fields.mode
  if (typeof mode !== 'string' || mode.trim() === '')
    throw validationError(`Manifest line ${line}: "mode" is required (e.g. "video")`)
  return {line, mode: mode.trim().replace(/_/g, '-'), fields}
}

/** `aspect_ratio`, `aspectRatio` and `aspect-ratio` all name the flag `--aspect-ratio`. */
export function flagKey(key: string): string {
  return key
    .trim()
    .replace(/^--/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/_/g, '-')
    .toLowerCase()
}
