import {createHash} from 'node:crypto'

import {readJsonObject, writeJsonObject} from '../config/json-file.js'
import {creationKey} from './keys.js'
import type {ManifestRow} from './manifest.js'

export type RowStatus = 'pending' | 'submitted' | 'done' | 'failed'

export interface RowState {
  row: number
  line: number
  mode: string
  /** Idempotency key of this row: the same on every run, so a retry or a resume never pays twice. */
  key: string
  /** Fingerprint of the row's content: an edited row is a new creation. */
  fingerprint: string
  status: RowStatus
  kind?: 'video' | 'image' | 'audio' | 'music'
  ids?: number[]
  result?: Record<string, unknown>
  cost?: number
  error?: string
  exit_code?: number
  updated_at: string
}

/**
 * The state file of a batch (beside the manifest, or --state): what each row has reached, written
 * atomically after every change so a crash, Ctrl-C or reboot loses nothing. Rows already done are
 * not repeated; rows submitted are waited for, not resubmitted.
 */
export class BatchState {
  private rows = new Map<number, RowState>()

  constructor(
    readonly file: string,
    readonly manifest: string,
  ) {
    const stored = readJsonObject(file)
    const list = Array.isArray(stored.rows) ? (stored.rows as RowState[]) : []
    for (const row of list) this.rows.set(row.row, row)
  }

  /** The row's state, reset when its content changed since the last run. */
  prepare(row: ManifestRow): RowState {
    const fingerprint = fingerprintOf(row)
    const existing = this.rows.get(row.row)
    if (existing && existing.fingerprint === fingerprint) return existing
    const fresh: RowState = {
      row: row.row,
      line: row.line,
      mode: row.mode,
      key: creationKey('batch', [this.manifest, row.row, fingerprint]),
      fingerprint,
      status: 'pending',
      updated_at: new Date().toISOString(),
    }
    this.rows.set(row.row, fresh)
    return fresh
  }

  update(row: number, patch: Partial<RowState>): RowState {
    const next = {...(this.rows.get(row) as RowState), ...patch, updated_at: new Date().toISOString()}
    this.rows.set(row, next)
    this.save()
    return next
  }

  row(row: number): RowState | undefined {
    return this.rows.get(row)
  }

  all(): RowState[] {
    return [...this.rows.values()].sort((a, b) => a.row - b.row)
  }

  save(): void {
    writeJsonObject(this.file, {manifest: this.manifest, updated_at: new Date().toISOString(), rows: this.all()})
  }
}

function fingerprintOf(row: ManifestRow): string {
  const canonical = JSON.stringify([
    row.mode,
    Object.keys(row.fields)
      .sort()
      .map((key) => [key, row.fields[key]]),
  ])
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16)
}
