import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {join} from 'node:path'

import {AuthedCommand} from '../../base/authed-command.js'
import * as flag from '../../base/creation-flags.js'
import {integer} from '../../base/media-flags.js'
import {type StopSignal, onStopSignal, stopExitCode} from '../../util/wait-abort.js'
import {CliError, validationError} from '../../errors.js'
import type {CheckedPipeline} from '../../pipeline/check.js'
import type {ProgressEvent, StepOutcome} from '../../pipeline/engine.js'
import {type FileAccessPolicy, commandLinePolicy, manifestPolicy, outputPath} from '../../util/file-access.js'
import {resolveTextInput} from '../../util/text-input.js'

export default class PipelineRun extends AuthedCommand<typeof PipelineRun> {
  static description = `Run a whole production — creations and local media steps that depend on each other — as one resumable job.

The pipeline is a YAML or JSON file (or a built-in name: see \`pipeline list\`): "vars", then "steps", each with an "id", a "mode" and that mode's fields. A creation step takes the same fields as \`create <mode>\`'s flags; local steps are split (an image into a grid), frame (first/last/at a time of a video), concat (videos into one MP4), mux (audio under a video) and download. \${var} reads a variable (--var key=value), \${step.field} an earlier step's output (\${board.image}, \${shots.videos}, \${clip.id}); for_each: \${list} runs a creation once per element (\${item}, \${index}).

Every step is checked before the first request (exit 6 names the step and field). Independent steps run in parallel within your free slots. Each creation's idempotency key comes from the pipeline, the step and its resolved inputs, and progress is kept in <out>/pipeline.state.json: after Ctrl-C, SIGTERM or a crash, run the same command again — nothing is paid twice. A failed step stops only the steps that read it. Results, media and report.html land in --out.`

  static examples = [
    '<%= config.bin %> pipeline run storyboard --var prompt="a lighthouse keeper finds a message in a bottle"',
    '<%= config.bin %> pipeline run film.yaml --var hero=cat.png --out ./film --json',
    '<%= config.bin %> pipeline run production --var prompt="a fox in the snow" --dry-run',
  ]

  static args = {
    pipeline: Args.string({description: 'Pipeline file (YAML or JSON) or built-in name.', required: true}),
  }

  static flags = {
    var: Flags.string({description: 'A variable of the pipeline, key=value (repeatable).', multiple: true}),
    out: Flags.string({description: 'Output folder: media, state file and report.html. [default: ./pixverse-<name>]'}),
    'dry-run': Flags.boolean({description: 'Check every step and print the resolved plan; send nothing.'}),
    jsonl: Flags.boolean({
      description: 'Stream one JSON line per finished step on stdout, then a summary line.',
      exclusive: ['json'],
    }),
    concurrency: integer('--concurrency', {
      description: 'At most this many creations of a kind at once. [default: the free slots of `account slots`]',
      min: 1,
    }),
    open: Flags.boolean({description: 'Open report.html when the run ends.'}),
    detach: Flags.boolean({
      description:
        'Check everything, then run in the background and return at once with the output folder and state file (follow with `pipeline status`).',
    }),
    timeout: flag.timeout(),
    'poll-interval': flag.pollInterval(),
  }

  async run(): Promise<Record<string, unknown>> {
    const [{loadPipeline, bindVars}, {checkPipeline}, {outDirOf, assertOutDirUsable, lockRun, STATE_FILE}] =
      await Promise.all([
        import('../../pipeline/definition.js'),
        import('../../pipeline/check.js'),
        import('../../pipeline/out-dir.js'),
      ])
    const definition = await loadPipeline(this.args.pipeline, this.files)
    const vars = bindVars(definition, this.flags.var ?? [])
    // Over MCP the output folder is confined to the one `mcp serve` was given (outDirOf: `pixverse-<name>`).
    const outDir = outDirOf(
      definition.name,
      outputPath(this.files, this.flags.out ?? `pixverse-${definition.name}`, () => '', '--out'),
    )
    assertOutDirUsable(outDir, this.flags.out ?? outDir)
    const stored = (mode: string) => (this.settings.defaults()[mode] ?? {}) as Record<string, unknown>
    // A pipeline file may come from someone else: like a batch manifest, it reads text files only
    // inside its own folder. A built-in pipeline's fields come from this command line (--var).
    const textFiles = definition.source.startsWith('builtin:') ? commandLinePolicy() : manifestPolicy(definition.source)
    const note = (message: string) => this.out.notice(message)
    const prepareContext = {storedDefaults: stored, text: (value: string) => textWithoutStdin(value, textFiles, note)}
    const checked = await checkPipeline(definition, vars, prepareContext)
    if (this.flags['dry-run']) {
      const {dryRunPlan} = await import('../../pipeline/plan.js')
      return dryRunPlan(checked, outDir)
    }

    const [{PipelineState}, {runPipeline}, {summarise}, {freeSlots}, {MediaResolver}, {writeReport}] =
      await Promise.all([
        import('../../pipeline/state.js'),
        import('../../pipeline/engine.js'),
        import('../../pipeline/summary.js'),
        import('../../batch/slot-limits.js'),
        import('../../api/media-resolver.js'),
        import('../../pipeline/report.js'),
      ])
    const stateFile = join(outDir, STATE_FILE)
    const release = lockRun(outDir)
    const state = new PipelineState(stateFile, definition.name, {source: definition.source, vars})
    state.save()
    if (this.flags.detach) {
      release()
      return this.detach(definition, outDir, stateFile)
    }
    const pools = checked.needsApi ? await freeSlots(this.api, this.flags.concurrency) : {video: 1, image: 1, audio: 1}
    const progress = await this.progressDisplay(checked)
    const controller = new AbortController()
    let stoppedBy: StopSignal | undefined
    const stopListening = onStopSignal((signal) => {
      stoppedBy ??= signal
      controller.abort(new Error(signal === 'SIGTERM' ? 'terminated' : 'interrupted'))
    })
    let media: InstanceType<typeof MediaResolver> | undefined
    const started = Date.now()
    try {
      const outcomes = await runPipeline(checked, {
        api: () => this.api,
        media: async () => (media ??= new MediaResolver(this.api, {files: this.files})),
        state,
        stepDir: (step) => join(outDir, step),
        identity: `${definition.name}\n${outDir}`,
        pools,
        localConcurrency: 2,
        timeoutSec: this.flags.timeout,
        pollIntervalSec: this.flags['poll-interval'],
        signal: controller.signal,
        prepareContext,
        onProgress: progress.event,
        onStep: (outcome) => {
          progress.step(outcome)
          if (this.flags.jsonl && outcome.status !== 'interrupted') this.out.line(outcome)
        },
      })
      progress.close()
      const summary = summarise(outcomes)
      const report = writeReport(outDir, checked, state, outcomes)
      const last = outcomes.at(-1)
      const result = {
        pipeline: definition.name,
        source: definition.source,
        out: outDir,
        state_file: stateFile,
        report,
        final: last?.status === 'completed' ? firstFile(last.outputs) : null,
        seconds: Math.round((Date.now() - started) / 100) / 10,
        steps: outcomes,
        summary,
      }
      if (this.flags.open && !this.flags.json) {
        const [{openInBrowser}, {pathToFileURL}] = await Promise.all([
          import('../../util/browser.js'),
          import('node:url'),
        ])
        openInBrowser(pathToFileURL(report).href)
      }

      if (controller.signal.aborted) {
        throw new CliError(
          `Interrupted: submitted creations keep running; run the same command again to resume (state: ${stateFile})`,
          {
            exitCode: stopExitCode(stoppedBy ?? 'SIGINT'),
            details: {state_file: stateFile, summary},
            hint: `pixverse pipeline run ${this.args.pipeline}${this.flags.out ? ` --out ${this.flags.out}` : ''}`,
          },
        )
      }

      if (summary.exit_code !== 0) {
        const bad = outcomes.filter((o) => o.status === 'failed')
        this.out.error(
          new CliError(
            `${bad.length} of ${outcomes.length} steps failed (${summary.blocked} not run): step ${bad[0]?.id}: ${bad[0]?.error ?? ''}`,
            {
              exitCode: summary.exit_code,
              details: {failed_steps: bad.map((o) => o.id), state_file: stateFile},
              hint: 'Fix the cause and run the same command again: finished steps are reused, nothing is paid twice.',
            },
          ),
        )
        this.resultExitCode = summary.exit_code
      }

      return result
    } finally {
      progress.close()
      stopListening()
      release()
    }
  }

  /**
   * How the run shows its progress: a live step table on a terminal (one row per step and per
   * for_each element), else one timestamped line per event on stderr; nothing in JSON mode.
   */
  private async progressDisplay(checked: CheckedPipeline): Promise<{
    event(event: ProgressEvent): void
    step(outcome: StepOutcome): void
    close(): void
  }> {
    const {LiveTable} = await import('../../util/live-table.js')
    if (!this.ctx.canAnimate())
      return {
        event: (event) => this.out.info(`${new Date().toISOString()} ${event.label}: ${event.note}`),
        step() {},
        close() {},
      }
    const steps = new Map(checked.steps.map((step) => [step.def.id, step]))
    const cells = (id: string) => ({mode: steps.get(id)?.def.mode, model: steps.get(id)?.model ?? '-'})
    const table = new LiveTable(
      ['step', 'mode', 'model', 'status', 'credits', 'elapsed', 'note'],
      checked.steps.map((step) => [step.def.id, {step: step.def.id, ...cells(step.def.id), status: 'waiting'}]),
      this.ctx.streams.stderr,
      () => this.ctx.screen('stderr'),
    )
    const totals = {done: 0, failed: 0, credits: 0}
    const counters = () =>
      `${totals.done}/${checked.steps.length} steps done, ${totals.failed} failed, ${totals.credits} credits this run`
    table.counters = counters()
    return {
      event(event) {
        const change = {
          ...(event.status ? {status: event.status} : {}),
          ...(event.credits ? {credits: event.credits} : {}),
          note: event.note,
        }
        if (event.index === undefined) return table.update(event.step, change)
        table.update(event.label, {step: event.label, ...cells(event.step), ...change}, event.step)
        if (event.status === 'running') table.update(event.step, {status: 'running', note: 'for_each …'})
      },
      step(outcome) {
        if (outcome.status === 'completed') totals.done++
        else if (outcome.status !== 'interrupted') totals.failed++
        totals.credits += outcome.credits_now
        table.counters = counters()
        table.update(outcome.id, {})
      },
      close: () => table.close(),
    }
  }

  /**
   * Starts the same run as a background process of this CLI (its output in <out>/pipeline.log)
   * once every check passed, and returns where to follow it: for agents (the MCP tool
   * pipeline_run) and anyone who does not want to hold a terminal for a production.
   */
  private async detach(
    definition: {name: string; source: string},
    outDir: string,
    stateFile: string,
  ): Promise<Record<string, unknown>> {
    const [{spawn}, {openSync, closeSync}] = await Promise.all([import('node:child_process'), import('node:fs')])
    const log = join(outDir, 'pipeline.log')
    const args = [
      join(this.config.root, 'bin', 'run.js'),
      'pipeline',
      'run',
      definition.source.startsWith('builtin:') ? definition.name : definition.source,
    ]
    for (const pair of this.flags.var ?? []) args.push(`--var=${pair}`)
    args.push(`--out=${outDir}`, `--timeout=${this.flags.timeout}`, '--json')
    if (this.flags['poll-interval'] !== undefined) args.push(`--poll-interval=${this.flags['poll-interval']}`)
    if (this.flags.concurrency !== undefined) args.push(`--concurrency=${this.flags.concurrency}`)
    if (this.workspaceOverride !== undefined) args.push(`--workspace-id=${this.workspaceOverride}`)
    if (this.sandboxMode) args.push('--sandbox')
    const fd = openSync(log, 'a', 0o600)
    try {
      // The same node options as this process (e.g. a test's loopback guard).
      const child = spawn(process.execPath, [...process.execArgv, ...args], {
        detached: true,
        stdio: ['ignore', fd, fd],
        env: this.ctx.env,
      })
      child.unref()
      return {
        pipeline: definition.name,
        source: definition.source,
        out: outDir,
        state_file: stateFile,
        log,
        pid: child.pid,
        status: 'started',
        follow: `pixverse pipeline status ${definition.source.startsWith('builtin:') ? definition.name : definition.source} --out ${outDir}`,
      }
    } finally {
      closeSync(fd)
    }
  }

  protected renderHuman(result: unknown): string {
    const value = result as {
      dry_run?: boolean
      summary?: Record<string, unknown>
      steps: Array<Record<string, unknown>>
      final?: string
      report?: string
    }
    if (this.flags.jsonl) return JSON.stringify({summary: value.summary, final: value.final, report: value.report})
    if (value.dry_run) return JSON.stringify(value, null, 2)
    const lines = value.steps.map(
      (s) =>
        `  ${String(s.id).padEnd(14)} ${String(s.mode).padEnd(10)} ${String(s.status).padEnd(10)} ${s.error ?? firstFile(s.outputs as Record<string, unknown>) ?? ''}`,
    )
    const summary = value.summary as {completed: number; steps: number; credits_spent: number}
    return [
      `${summary.completed}/${summary.steps} steps done · ${summary.credits_spent} credits this run`,
      ...lines,
      `final:  ${value.final ?? '-'}`,
      `report: ${value.report}`,
    ].join('\n')
  }
}

/** The main file of a step's outputs (its video, image, audio or file). */
function firstFile(outputs: Record<string, unknown> | undefined): string | undefined {
  for (const key of ['video', 'image', 'audio', 'file'])
    if (typeof outputs?.[key] === 'string') return outputs[key] as string
  return undefined
}

/** Pipeline text fields may name files, but a pipeline cannot read stdin. */
async function textWithoutStdin(
  value: string,
  policy: FileAccessPolicy,
  note: (message: string) => void,
): Promise<string> {
  if (value === '-') throw validationError('A pipeline step cannot read its text from stdin (-)')
  return resolveTextInput(value, {policy, note})
}
