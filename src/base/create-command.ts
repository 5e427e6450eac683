import {type Command} from '@oclif/core/command'
import {randomUUID} from 'node:crypto'

import type {MediaResolver} from '../api/media-resolver.js'
import {type Submission, idKeyFor, sendCreation, withDetails} from '../api/submit.js'
import {type TaskKind, type TaskSnapshot, waitForTask} from '../api/tasks.js'
import {type Mode, builtInDefaults} from '../catalog/index.js'
import {CliError, ExitCode, authError, isCliError} from '../errors.js'
import {emit, finishedEvent} from '../events.js'
import type {Creation} from '../creations/define.js'
import type {CreationPlan} from '../creations/types.js'
import type {Progress} from '../progress/progress.js'
import {outputPath} from '../util/file-access.js'
import {resolveTextInput} from '../util/text-input.js'
import {AuthedCommand} from './authed-command.js'
import * as flag from './creation-flags.js'
import {finishedItem} from '../api/results.js'
import {assertAudioOutput} from '../api/save-audio.js'
import {type StopSignal, idDetails, resumeHint, stopExitCode, stopWord, waitAbort} from '../util/wait-abort.js'
import {StopGuard} from '../util/stop-guard.js'
import {clock} from '../util/clock.js'
import {shellQuote} from '../util/shell-quote.js'
import {
  type FlagShape,
  creationOfCommand,
  isBlankCreation,
  missingFlagsError,
  requiredFlags,
} from '../wizard/required-flags.js'

export type CreationResult = Record<string, unknown>

/**
 * A `create …` command: shared wait/poll/timeout flags, defaults from the catalogue merged with
 * `config defaults`, submit → poll → result, `--no-wait`, exit 2 with the ids on timeout, exit 5
 * with the successes on a partial failure, and the ids on stderr after Ctrl-C.
 */
export abstract class CreateCommand<T extends typeof Command> extends AuthedCommand<T> {
  static baseFlags = {
    ...AuthedCommand.baseFlags,
    wait: flag.wait(),
    timeout: flag.timeout(),
    'poll-interval': flag.pollInterval(),
  }

  private resolver?: MediaResolver
  private display?: Promise<Progress>

  /** Live progress on stderr (listr2 at a terminal, timestamped lines otherwise, nothing in JSON mode). */
  protected progress(): Promise<Progress> {
    this.display ??= import('../progress/progress.js').then(({createProgress}) => createProgress(this.ctx))
    return this.display
  }

  /** The display must draw its last frame (and stop its timers) before the result or an error is printed. */
  protected async closeProgress(): Promise<void> {
    if (this.display) await (await this.display).close()
  }

  public async finally(error: Error | undefined): Promise<void> {
    await this.closeProgress()
    return super.finally(error)
  }

  /**
   * A creation asked for with no flags at all: a person at a terminal gets the wizard (which fills
   * the argv in, then the flags are parsed again so everything after is the flag path); anyone else
   * gets one line naming every flag to pass (exit 6), and nothing ever waits for input.
   */
  public async init(): Promise<void> {
    await super.init()
    const ctor = this.ctor as unknown as {baseFlags: Record<string, FlagShape>}
    if (!isBlankCreation(this.argv, ctor.baseFlags)) return
    const found = await creationOfCommand(this.id)
    if (!found) return
    const {name, creation} = found
    const {mode} = creation
    if (!this.ctx.canPrompt()) {
      const missing = requiredFlags(creation)
      if (missing.length > 0) throw missingFlagsError(name, missing)
      return
    }

    // A person logged out (or with an expired token) learns it before the first question, not after the last.
    if (!this.credential()) throw authError('Not logged in')
    await this.api.get('getUserInfo')
    const {runCreateWizard} = await import('../wizard/create-wizard.js')
    const answers = await runCreateWizard({
      name,
      creation,
      defaults: {...builtInDefaults(mode), ...this.storedDefaults(mode)},
      service: this.api,
      say: (line) => this.out.info(line),
      streams: this.ctx.streams,
    })
    this.argv = [...answers, ...this.argv]
    await this.parseArgv()
  }

  /** The user's `config defaults` for a mode (sparse); built-in defaults come from the catalogue. */
  protected storedDefaults(mode: Mode): Record<string, unknown> {
    return (this.settings.defaults()[mode] ?? {}) as Record<string, unknown>
  }

  protected async media(): Promise<MediaResolver> {
    if (!this.resolver) {
      const {MediaResolver} = await import('../api/media-resolver.js')
      const progress = await this.progress()
      this.resolver = new MediaResolver(this.api, {
        files: this.files,
        onUploadProgress: (label) => {
          const step = progress.step(`Uploading ${label}`)
          return (transferred, total) => {
            step.bytes(transferred, total)
            if (total > 0 && transferred >= total) step.done()
          }
        },
        say: (message) => this.out.info(message),
      })
    }

    return this.resolver
  }

  protected get waitFlags(): {wait: boolean; timeout: number; pollInterval?: number} {
    const flags = this.flags as unknown as {wait: boolean; timeout: number; 'poll-interval'?: number}
    return {wait: flags.wait, timeout: flags.timeout, pollInterval: flags['poll-interval']}
  }

  /**
   * The whole creation: check (exit 6 before any request), plan (uploads), submit, wait, and for
   * modes with `--output` the download. SIGINT and SIGTERM are this method's from before the first
   * request: a signal never loses what was paid for.
   */
  protected async create(creation: Creation, input: Record<string, unknown>): Promise<CreationResult> {
    // `--output` is checked before anything is paid for.
    const output = this.audioOutput(typeof input.output === 'string' ? input.output : undefined)
    const result = await this.submitCreation(creation, input)
    return this.saveOutput(result, output)
  }

  private async submitCreation(creation: Creation, input: Record<string, unknown>): Promise<CreationResult> {
    const prepared = await creation.prepare(input, {
      storedDefaults: (mode) => this.storedDefaults(mode),
      text: (value) =>
        resolveTextInput(value, {
          policy: this.files,
          note: (message) => this.out.notice(message),
          stdin: this.ctx.streams.stdin,
        }),
    })
    this.warnAll(prepared.warnings)
    this.keepDeadline(this.waitFlags.timeout)
    // In-process (the MCP server) the caller's own signal stops a call; the process's signals are the host's.
    const guard = this.waitHooks ? undefined : new StopGuard(SUBMIT_GRACE_MS + 3000)
    try {
      const planned = prepared.plan({media: () => this.media(), api: () => this.api})
      const plan = guard
        ? await guard.race(planned, async (signal) => {
            throw new CliError(`${stopWord(signal)} before anything was submitted; nothing was charged`, {
              exitCode: stopExitCode(signal),
            })
          })
        : await planned
      const key = input['idempotency-key']
      return await this.submit(plan, typeof key === 'string' ? key : undefined, guard)
    } finally {
      guard?.dispose()
      await this.closeProgress()
    }
  }

  /** Reports coercion warnings on stderr (both modes) as the reference client does. */
  protected warnAll(warnings: string[]): void {
    for (const warning of warnings) this.out.warn(warning)
  }

  protected async submit(request: CreationPlan, userKey?: string, guard?: StopGuard): Promise<CreationResult> {
    const key = request.idempotent === false ? undefined : (userKey ?? `pixverse-cli-${randomUUID()}`)
    // Shown before the request (text mode), so even a kill -9 mid-submit leaves the key that makes a rerun free.
    const progress = await this.progress()
    if (key) progress.step(`Idempotency key ${key} (a rerun with --idempotency-key ${key} is not charged again)`).done()
    const step = progress.step(`Submitting ${request.kind}`)
    const sending = sendCreation(this.api, request, key)
    const submission = guard
      ? guard.race(sending, (signal) => this.interruptedSubmit(signal, request, key, sending))
      : sending
    const {ids, traceId, params, cost, failCount, data} = await submission.catch((error: unknown) => {
      step.fail()
      throw error
    })
    step.done(`${request.kind} ${ids.join(', ')}${cost ? ` (cost: ${cost} credits)` : ''}`)
    if (failCount) {
      this.out.warn(`${failCount} of the requested ${request.kind}s could not be created`)
      this.resultExitCode = ExitCode.GenerationFailed
    }

    await emit(this.config, 'task-submitted', {kind: request.kind, ids, traceId, params}, (m) => this.out.warn(m))
    const idKey = idKeyFor(request.kind)
    const submitted = {
      [idKey]: ids[0],
      ...audioSubmitFields(request.kind, data),
      ...(ids.length > 1 ? {[`${idKey}s`]: ids} : {}),
      trace_id: traceId,
      ...(failCount ? {fail_count: failCount} : {}),
      ...(cost ? {cost_credits: cost} : {}),
      ...(key ? {idempotency_key: key} : {}),
    }
    if (guard?.stopped) throw interruptedAfterSubmit(guard.stopped, request.kind, ids, key)
    if (!this.waitFlags.wait) return {...submitted, status: 'submitted', params}
    return this.waitAll(request.kind, ids, submitted)
  }

  /**
   * A signal while the submit is on the wire: the service may be creating (and charging) right now,
   * so the answer gets a bounded moment to arrive; then the error names the ids, or at least the
   * idempotency key and the rerun that will not be charged again.
   */
  private async interruptedSubmit(
    signal: StopSignal,
    request: CreationPlan,
    key: string | undefined,
    sending: Promise<Submission>,
  ): Promise<never> {
    const answer = await Promise.race([
      sending.catch(() => undefined),
      clock()
        .sleep(SUBMIT_GRACE_MS)
        .then(() => undefined),
    ])
    if (answer) throw interruptedAfterSubmit(signal, request.kind, answer.ids, key)
    const rerun = key ? this.rerunCommand(key) : undefined
    throw new CliError(`${stopWord(signal)} while submitting; the ${request.kind} may have been created and charged`, {
      exitCode: stopExitCode(signal),
      details: key ? {idempotency_key: key, rerun} : {},
      hint: key
        ? `Rerun with the same key; it will not be charged again: ${rerun}`
        : `This mode cannot be deduplicated: check \`pixverse asset list --type audio\` before retrying.`,
    })
  }

  /** This command line again with the given idempotency key (any other key given is replaced). */
  private rerunCommand(key: string): string {
    const args: string[] = []
    for (let i = 0; i < this.argv.length; i++) {
      const arg = this.argv[i]
      if (arg === '--idempotency-key') i++
      else if (!arg.startsWith('--idempotency-key=')) args.push(arg)
    }

    return ['pixverse', ...(this.id ?? '').split(':'), ...args, '--idempotency-key', key]
      .map((a) => shellQuote(a))
      .join(' ')
  }

  /** Polls every id concurrently; Ctrl-C (or the in-process caller's signal) stops waiting, not the tasks. */
  protected async waitAll(kind: TaskKind, ids: number[], submitted: Record<string, unknown>): Promise<CreationResult> {
    const key = submitted.idempotency_key
    const abort = waitAbort(kind, ids, this.waitHooks?.signal, key ? {idempotency_key: key} : {})
    const watch = (await this.progress()).watch(kind, ids)
    try {
      const {timeout, pollInterval} = this.waitFlags
      const outcomes = await Promise.allSettled(
        ids.map((id) =>
          waitForTask(this.api, kind, id, {
            timeoutSec: timeout,
            pollIntervalSec: pollInterval,
            signal: abort.signal,
            onUpdate: (snapshot) => {
              if (snapshot.state !== 'pending') this.finalSnapshots.set(snapshot.id, snapshot)
              watch.update(snapshot)
              this.waitHooks?.onUpdate?.(snapshot)
            },
          }),
        ),
      )
      if (abort.signal.aborted) throw abort.signal.reason
      return await this.collect(kind, ids, outcomes, submitted)
    } finally {
      watch.end()
      await this.closeProgress()
      abort.dispose()
    }
  }

  /** The final snapshot of each task, so a failed one can be reported to plugins with its detail. */
  private finalSnapshots = new Map<number, TaskSnapshot>()

  private async collect(
    kind: TaskKind,
    ids: number[],
    outcomes: PromiseSettledResult<TaskSnapshot>[],
    submitted: Record<string, unknown>,
  ): Promise<CreationResult> {
    const done = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []))
    const failures = outcomes.flatMap((o, i) =>
      o.status === 'rejected' ? [{id: ids[i], error: o.reason as unknown}] : [],
    )
    const finished = ids.flatMap((id) => this.finalSnapshots.get(id) ?? [])
    for (const snapshot of finished)
      await emit(this.config, 'task-finished', finishedEvent(snapshot), (m) => this.out.warn(m))

    const timedOut = failures.filter((f) => isCliError(f.error) && f.error.exitCode === ExitCode.Timeout)
    if (timedOut.length > 0) {
      const pending = timedOut.map((f) => f.id)
      throw new CliError(`Polling timed out after ${this.waitFlags.timeout}s`, {
        exitCode: ExitCode.Timeout,
        details: {
          ...idDetails(kind, ids),
          pending_ids: pending,
          ...(done.length > 0 ? {completed_ids: done.map((d) => d.id)} : {}),
        },
        hint: resumeHint(kind, pending[0]),
      })
    }

    // The tasks exist (and were paid for) whatever went wrong while waiting: name them so they are not lost.
    if (failures.length > 0 && done.length === 0) {
      const first = failures[0].error
      throw isCliError(first)
        ? withDetails(first, {
            ...idDetails(kind, ids),
            ...(submitted.idempotency_key ? {idempotency_key: submitted.idempotency_key} : {}),
          })
        : first
    }
    const {trace_id: traceId, cost_credits: cost, idempotency_key: key} = submitted
    const idKey = idKeyFor(kind)
    if (ids.length === 1)
      return {
        [idKey]: ids[0],
        trace_id: traceId,
        ...finishedItem(kind, ids[0], done[0].raw),
        ...(cost ? {cost_credits: cost} : {}),
        ...(key ? {idempotency_key: key} : {}),
      }

    const partial = failures.length > 0
    if (partial) this.resultExitCode = ExitCode.GenerationFailed
    return {
      trace_id: traceId,
      status: partial ? 'partial' : 'completed',
      items: done.map((snapshot) => finishedItem(kind, snapshot.id, snapshot.raw)),
      ...(partial ? {failed_ids: failures.map((f) => f.id), fail_count: failures.length} : {}),
      ...(cost ? {cost_credits: cost} : {}),
      ...(key ? {idempotency_key: key} : {}),
    }
  }

  /**
   * `--output` as this command may use it (anywhere on the command line, inside the server's output
   * folder over MCP), refused with exit 6 before the creation is paid for when it cannot be written.
   */
  private audioOutput(requested: string | undefined): string | undefined {
    if (requested === undefined) return undefined
    const output = outputPath(this.files, requested, () => requested, '--output')
    assertAudioOutput(output)
    return output
  }

  /** `--output` of voice/music: download the finished audio and report where (`local_path`). */
  private async saveOutput(result: CreationResult, output: string | undefined): Promise<CreationResult> {
    if (output === undefined) return result
    if (result.status !== 'completed') {
      this.out.warn(
        '--output is ignored with --no-wait; download later with `pixverse asset download <id> --type audio`',
      )
      return result
    }

    const {saveAudio} = await import('../api/save-audio.js')
    return {...result, local_path: await saveAudio(result, output)}
  }
}

/** How long a signal during a submit waits for the answer that names the paid tasks. */
const SUBMIT_GRACE_MS = 5000

function interruptedAfterSubmit(signal: StopSignal, kind: TaskKind, ids: number[], key: string | undefined): CliError {
  return new CliError(`${stopWord(signal)} after submitting; the ${kind} keeps running`, {
    exitCode: stopExitCode(signal),
    details: {...idDetails(kind, ids), ...(key ? {idempotency_key: key} : {})},
    hint: resumeHint(kind, ids[0]),
  })
}

/** Voice/music submit fields the output keeps (docs/protocol.md §6): credits, and music's asset facts. */
function audioSubmitFields(kind: TaskKind, data: Record<string, unknown> | null | undefined): Record<string, unknown> {
  if (kind !== 'audio' && kind !== 'music') return {}
  const keys =
    kind === 'music'
      ? ['asset_id', 'asset_type', 'asset_source', 'create_mode', 'audio_status', 'credits']
      : ['credits']
  return Object.fromEntries(keys.filter((k) => data?.[k] !== undefined).map((k) => [k, data?.[k]]))
}
