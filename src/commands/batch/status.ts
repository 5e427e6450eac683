import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {existsSync} from 'node:fs'
import {resolve} from 'node:path'

import {BaseCommand} from '../../base/base-command.js'
import {BatchState, type RowState} from '../../batch/state.js'
import {validationError} from '../../errors.js'

export default class BatchStatus extends BaseCommand<typeof BatchStatus> {
  static description = `Summarise where a batch stands, from its state file (no request is sent).

Counts rows by state (pending, submitted, done, failed) and lists each row with its ids, exit code and error. Rows still submitted are waited for by the next \`batch run\`.`

  static examples = ['<%= config.bin %> batch status shots.jsonl', '<%= config.bin %> batch status shots.jsonl --json']

  static args = {
    manifest: Args.string({description: 'The manifest the batch ran.', required: true}),
  }

  static flags = {
    state: Flags.string({description: 'State file. [default: <manifest>.state.json]'}),
  }

  async run(): Promise<{
    manifest: string
    state_file: string
    counts: Record<string, number>
    credits_spent: number
    rows: Partial<RowState>[]
  }> {
    const manifest = resolve(this.args.manifest)
    const stateFile = resolve(this.flags.state ?? `${manifest}.state.json`)
    if (!existsSync(stateFile))
      throw validationError(
        `No batch state at ${stateFile} (--state): run \`pixverse batch run ${this.args.manifest}\` first`,
      )
    const rows = new BatchState(stateFile, manifest).all()
    const counts: Record<string, number> = {pending: 0, submitted: 0, done: 0, failed: 0}
    for (const row of rows) counts[row.status] = (counts[row.status] ?? 0) + 1
    return {
      manifest,
      state_file: stateFile,
      counts: {total: rows.length, ...counts},
      credits_spent: rows.reduce((sum, row) => sum + (row.cost ?? 0), 0),
      rows: rows.map(({row, line, mode, status, ids, exit_code: exitCode, error, key}) => ({
        row,
        line,
        mode,
        status,
        ids,
        exit_code: exitCode,
        error,
        key,
      })),
    }
  }

  protected renderHuman(result: unknown): string {
    const {
      counts,
      credits_spent: credits,
      rows,
    } = result as {counts: Record<string, number>; credits_spent: number; rows: RowState[]}
    const lines = [
      `${counts.total} rows: ${counts.done} done, ${counts.submitted} submitted, ${counts.pending} pending, ${counts.failed} failed · ${credits} credits`,
    ]
    for (const row of rows)
      lines.push(
        `  row ${row.row} (line ${row.line}) ${row.mode.padEnd(14)} ${row.status.padEnd(9)} ${(row.ids ?? []).join(',')}${row.error ? `  ${row.error}` : ''}`,
      )
    return lines.join('\n')
  }
}
