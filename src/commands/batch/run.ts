import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {dirname, resolve} from 'node:path'

import {AuthedCommand} from '../../base/authed-command.js'
import * as flag from '../../base/creation-flags.js'
import {integer} from '../../base/media-flags.js'
import {CliError, validationError} from '../../errors.js'
import {type FileAccessPolicy, manifestPolicy} from '../../util/file-access.js'
import * as tableModule from '../../util/table.js'
import {resolveTextInput} from '../../util/text-input.js'
import {assertFolderWritable} from '../../util/writable-folder.js'
import {type StopSignal, onStopSignal, stopExitCode, stopWord} from '../../util/wait-abort.js'

interface Summary {
  manifest: string
  state_file: string
  rows: number
  completed: number
  partial: number
  failed: number
  interrupted: number
  resumed: number
  credits_spent: number
  exit_code: number
}

export default class BatchRun extends AuthedCommand<typeof BatchRun> {
  static description = `Create many things from one manifest, within your concurrent slots, resumably.

The manifest is JSONL (one object per line: "mode" plus the same fields as that create command's flags, e.g. {"mode":"video","prompt":"a cat","model":"v6","duration":5}) or CSV (a header row of field names; list fields separated by |). Every row is checked before anything is sent: a bad row stops the batch with its line number (exit 6).

Each row is submitted with an idempotency key derived from the manifest and the row, so running the batch again never pays twice. Progress is kept in a state file beside the manifest (<manifest>.state.json, or --state): after Ctrl-C, a crash or a reboot, run the same command again — finished rows are not repeated and submitted rows are waited for, not resubmitted.

Results: one JSON line per row on stdout as it finishes, then a summary line; with --json, one document {rows, summary} at the end. Progress lines go to stderr. Exit 0 only when every row succeeded, otherwise the most severe code (3 > 4 > 7 > 2 > 5), with one error line (JSON in JSON mode) on stderr. --timeout bounds both the wait for each task and the wait for a free slot.`

  static examples = [
    '<%= config.bin %> batch run shots.jsonl --download ./out',
    '<%= config.bin %> batch run shots.csv --concurrency 3 --json',
    '<%= config.bin %> batch status shots.jsonl',
  ]

  static args = {
    manifest: Args.string({description: 'JSONL or CSV manifest.', required: true}),
  }

  static flags = {
    concurrency: integer('--concurrency', {
      description: 'At most this many creations at once. [default: the free slots of `account slots`]',
      min: 1,
    }),
    download: Flags.string({description: 'Download every result into this folder.'}),
    state: Flags.string({description: 'State file. [default: <manifest>.state.json]'}),
    timeout: flag.timeout(),
    'poll-interval': flag.pollInterval(),
  }

  async run(): Promise<{rows: unknown[]; summary: Summary}> {
    const manifest = resolve(this.args.manifest)
    const stateFile = resolve(this.flags.state ?? `${manifest}.state.json`)
    const [{readManifest}, {BatchState}, {prepareRows}, {freeSlots}] = await Promise.all([
      import('../../batch/manifest.js'),
      import('../../batch/state.js'),
      import('../../batch/prepare-rows.js'),
      import('../../batch/slot-limits.js'),
    ])
    assertFolderWritable(dirname(stateFile), '--state', this.flags.state ?? stateFile)
    if (this.flags.download) assertFolderWritable(this.flags.download, '--download')
    const rows = readManifest(manifest)
    const state = new BatchState(stateFile, manifest)
    const stored = (mode: string) => (this.settings.defaults()[mode] ?? {}) as Record<string, unknown>
    // Text fields of rows may name files beside the manifest only (someone else may have written it).
    const rowFiles = manifestPolicy(manifest)
    const text = (value: string) => textWithoutStdin(value, rowFiles, (message) => this.out.notice(message))
    const prepared = await prepareRows(rows, state, {storedDefaults: stored, text}, (m) => this.out.warn(m))

    // A batch that is already complete sends nothing at all.
    const pools = prepared.every((row) => row.state.status === 'done')
      ? {video: 1, image: 1, audio: 1}
      : await freeSlots(this.api, this.flags.concurrency)
    const controller = new AbortController()
    let stoppedBy: StopSignal | undefined
    const stopListening = onStopSignal((signal) => {
      stoppedBy ??= signal
      controller.abort(new Error('interrupted'))
    })
    const totals = {done: 0, failed: 0, credits: 0}
    const counters = () => `${totals.done}/${prepared.length} done, ${totals.failed} failed, ${totals.credits} credits`
    // A person watching stderr gets a live table; stdout still streams JSON lines unless it is the same screen.
    const {LiveTable} = await import('../../util/live-table.js')
    const live = this.ctx.canAnimate()
      ? new LiveTable(
          COLUMNS,
          prepared.map(({state: r}) => [String(r.row), {row: r.row, line: r.line, mode: r.mode, status: 'waiting'}]),
          this.ctx.streams.stderr,
          () => this.ctx.screen('stderr'),
        )
      : undefined
    this.finalTable = live && this.ctx.streams.stdout.isTTY ? live : undefined
    // A row's last progress note waits for its outcome, so the counters it prints include that row.
    const finalNotes = new Map<number, string>()
    const progress = (row: {row: number; line: number; mode: string}, note: string) => {
      if (live) {
        live.counters = counters()
        live.update(String(row.row), {note})
        return
      }

      this.out.info(
        `${new Date().toISOString()} row ${row.row} (line ${row.line}, ${row.mode}): ${note} — ${counters()}`,
      )
    }
    const [{runBatch}, {MediaResolver}] = await Promise.all([
      import('../../batch/row-steps.js'),
      import('../../api/media-resolver.js'),
    ])
    let media: InstanceType<typeof MediaResolver> | undefined
    try {
      const outcomes = await runBatch(prepared, {
        api: this.api,
        media: async () => (media ??= new MediaResolver(this.api, {files: this.files})),
        state,
        pools,
        timeoutSec: this.flags.timeout,
        pollIntervalSec: this.flags['poll-interval'],
        downloadDir: this.flags.download ? resolve(this.flags.download) : undefined,
        signal: controller.signal,
        onRow: (outcome) => {
          // A row interrupted after its submit was paid for: its credits are spent all the same.
          totals.credits += outcome.resumed ? 0 : (outcome.cost_credits ?? 0)
          const interrupted = outcome.status === 'interrupted'
          if (!interrupted && outcome.exit_code === 0) totals.done++
          else if (!interrupted) totals.failed++
          live?.update(String(outcome.row), {status: outcome.status, ids: outcome.ids.join(' ')})
          const note = finalNotes.get(outcome.row)
          finalNotes.delete(outcome.row)
          if (note !== undefined) progress(outcome, note)
          if (!interrupted && !this.finalTable) this.out.line(outcome)
        },
        onProgress: (row, event) => {
          if (event.status && event.status !== 'running') {
            finalNotes.set(row.row, event.note)
            return
          }

          if (event.status === 'running') live?.update(String(row.row), {status: 'running'})
          progress(row, event.note)
        },
      })
      live?.close()
      const {batchExitCode} = await import('../../batch/exit-code.js')
      const exitCode = batchExitCode(outcomes.map((o) => o.exit_code))
      const sorted = [...outcomes].sort((a, b) => a.row - b.row)
      const summary: Summary = {
        manifest,
        state_file: stateFile,
        rows: sorted.length,
        completed: sorted.filter((o) => o.status === 'completed').length,
        partial: sorted.filter((o) => o.status === 'partial').length,
        failed: sorted.filter((o) => o.status === 'failed').length,
        interrupted: sorted.filter((o) => o.status === 'interrupted').length,
        resumed: sorted.filter((o) => o.resumed).length,
        credits_spent: totals.credits,
        exit_code: exitCode,
      }
      if (controller.signal.aborted) {
        throw new CliError(
          `${stopWord(stoppedBy ?? 'SIGINT')}: the submitted tasks keep running; run the same command again to resume`,
          {
            exitCode: stopExitCode(stoppedBy ?? 'SIGINT'),
            details: {summary},
            hint: `pixverse batch run ${this.args.manifest}`,
          },
        )
      }

      if (exitCode !== 0) {
        // The rows are the result (stdout); that not all of them succeeded is the error (stderr).
        const failedRows = sorted.filter((o) => o.exit_code !== 0)
        this.out.error(
          new CliError(
            `${failedRows.length} of ${sorted.length} rows did not succeed: ${failedRows[0].error ?? failedRows[0].status}`,
            {
              exitCode,
              details: {failed_rows: failedRows.map((o) => o.row)},
              hint: `See each row's error; run \`pixverse batch run ${this.args.manifest}\` again to retry the rows that did not finish.`,
            },
          ),
        )
        this.resultExitCode = exitCode
      }

      return {rows: sorted, summary}
    } finally {
      live?.close()
      stopListening()
    }
  }

  /** The live table, when it was drawn on the same screen as stdout: the final result is that table. */
  private finalTable?: {all(): Array<Record<string, unknown>>}

  /** Piped text mode streamed the rows already: the closing line is the summary. At a terminal: the final table. */
  protected renderHuman(result: unknown): string {
    const {summary} = result as {summary: Summary}
    if (!this.finalTable) return JSON.stringify({summary})
    const {renderTable} = tableModule
    return `${renderTable(this.finalTable.all(), COLUMNS)}\n${summary.completed}/${summary.rows} completed, ${summary.failed} failed, ${summary.credits_spent} credits\nState: ${summary.state_file}`
  }
}

const COLUMNS = ['row', 'line', 'mode', 'status', 'ids', 'note']

/** Manifest text fields may name files, but a batch cannot read stdin. */
async function textWithoutStdin(
  value: string,
  policy: FileAccessPolicy,
  note: (message: string) => void,
): Promise<string> {
  if (value === '-') throw validationError('A batch row cannot read its text from stdin (-)')
  return resolveTextInput(value, {policy, note})
}
