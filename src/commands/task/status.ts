import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import {findTask} from '../../api/find-task.js'
import type {TaskKind} from '../../api/tasks.js'
import {AuthedCommand} from '../../base/authed-command.js'
import {parseId} from '../../base/id-arg.js'
import {statusView} from '../../api/results.js'
import {taskText, tasksText} from '../../util/task-text.js'
import {isCliError, validationError} from '../../errors.js'
import {mostSevereExit} from '../../util/exit-priority.js'
import {toCliError} from '../../util/to-cli-error.js'
import {renderHuman} from '../../output.js'

export default class TaskStatus extends AuthedCommand<typeof TaskStatus> {
  static description = `Show the status of one or more tasks.

One id prints one object; several ids (or --ids) print an object keyed by id, queried in parallel, where a failed look-up is {error, code, trace_id} and the exit code is the most severe failure (3 > 4 > 7 > 2 > 5).`

  static examples = [
    '<%= config.bin %> task status 390000000001 --json',
    '<%= config.bin %> task status 390000000001 390000000002 --json',
    '<%= config.bin %> task status --ids 390000000001,390000000002 --type image --json',
  ]

  static strict = false

  static args = {
    ids: Args.string({description: 'Task ids (video, image or audio ids).'}),
  }

  static flags = {
    ids: Flags.string({description: 'Comma-separated task ids (instead of positional ids).'}),
    type: Flags.string({
      description: 'Task type. [default: video, else image; audio is never auto-detected]',
      options: ['video', 'image', 'audio'],
    }),
  }

  async run(): Promise<Record<string, unknown>> {
    const positional = this.positionals
    if (positional.length > 0 && this.flags.ids) throw validationError('Use either positional IDs or --ids, not both')
    const raw = this.flags.ids
      ? this.flags.ids
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : positional
    if (raw.length === 0) throw validationError('At least one task id is required (positional or --ids)')
    const ids = [...new Set(raw.map((value) => parseId(value)))]
    this.requested = ids
    const kind = this.flags.type as TaskKind | undefined
    if (ids.length === 1 && !this.flags.ids) {
      const snapshot = await findTask(this.api, ids[0], kind)
      return statusView(snapshot.kind, ids[0], snapshot.raw)
    }

    // Each id finds its own kind: a video and an image can be asked about together.
    const outcomes = await Promise.allSettled(ids.map((id) => findTask(this.api, id, kind)))
    const result: Record<string, unknown> = {}
    const codes = new Set<number>()
    outcomes.forEach((outcome, index) => {
      const id = ids[index]
      if (outcome.status === 'fulfilled') {
        result[String(id)] = statusView(outcome.value.kind, id, outcome.value.raw)
        return
      }

      const error = toCliError(outcome.reason)
      if (isCliError(outcome.reason)) codes.add(error.exitCode)
      result[String(id)] = {
        error: error.message,
        ...(error.code === undefined ? {} : {code: error.code}),
        ...(error.traceId ? {trace_id: error.traceId} : {}),
      }
    })
    // General failures leave it 0 (docs/cli.md §3): only the prioritised codes decide.
    const exitCode = mostSevereExit(codes)
    if (exitCode !== undefined) this.resultExitCode = exitCode
    return result
  }

  /** The ids as given: a JSON object keyed by numeric ids lists them in ascending order instead. */
  private requested: number[] = []

  protected renderHuman(result: unknown): string {
    if (this.out.verbose) return renderHuman(result)
    const value = result as Record<string, Record<string, unknown>>
    if (typeof value.id === 'number') return taskText(value as Record<string, unknown>, this.config.bin)
    return tasksText(
      this.requested.map((id) => ({id, ...value[String(id)]})),
      this.config.bin,
    )
  }
}
