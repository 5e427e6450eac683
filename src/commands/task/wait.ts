import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import {findTask} from '../../api/find-task.js'
import {type TaskKind, type TaskSnapshot, waitForTask} from '../../api/tasks.js'
import {AuthedCommand} from '../../base/authed-command.js'
import * as flag from '../../base/creation-flags.js'
import {parseId} from '../../base/id-arg.js'
import {statusView} from '../../api/results.js'
import {taskText} from '../../util/task-text.js'
import {waitAbort} from '../../util/wait-abort.js'
import {emit, finishedEvent} from '../../events.js'

export default class TaskWait extends AuthedCommand<typeof TaskWait> {
  static description = `Wait for a task to finish and print its result.

Resumes what \`create … --no-wait\` (or a timed-out create) started. Exit 2 on timeout, 5 when the task failed or was not approved.`

  static examples = [
    '<%= config.bin %> task wait 390000000001 --json',
    '<%= config.bin %> task wait 390000000002 --type image --timeout 600',
  ]

  static args = {
    id: Args.string({description: 'Task id.', required: true}),
  }

  static flags = {
    type: Flags.string({
      description: 'Task type. [default: video, else image; audio is never auto-detected]',
      options: ['video', 'image', 'audio'],
    }),
    timeout: flag.timeout(),
    'poll-interval': flag.pollInterval(),
  }

  async run(): Promise<Record<string, unknown>> {
    const id = parseId(this.args.id)
    this.keepDeadline(this.flags.timeout)
    const {createProgress} = await import('../../progress/progress.js')
    const progress = await createProgress(this.ctx)
    let kind = this.flags.type as TaskKind | undefined
    // Armed before the first request: a stop while the kind is looked up names the kind asked about first.
    const abort = waitAbort(() => kind ?? 'video', [id], this.waitHooks?.signal)
    let watch: ReturnType<typeof progress.watch> | undefined
    let last: TaskSnapshot | undefined
    try {
      // Without --type, the first look says which kind the id is (as `task status` finds it).
      const found = (kind ??= (await findTask(this.api, id)).kind)
      const view = (watch = progress.watch(found, [id]))
      const snapshot = await waitForTask(this.api, found, id, {
        timeoutSec: this.flags.timeout,
        pollIntervalSec: this.flags['poll-interval'],
        signal: abort.signal,
        onUpdate: (update) => {
          last = update
          view.update(update)
          this.waitHooks?.onUpdate?.(update)
        },
      })
      await emit(this.config, 'task-finished', finishedEvent(snapshot), (m) => this.out.warn(m))
      // The `task status` object of the finished task, with the status word scripts match on (docs/protocol.md §3.14).
      return {...statusView(found, id, snapshot.raw), status: 'completed'}
    } catch (error) {
      // A failed task is finished too: plugins hear about it before the exit 5.
      if (last?.state === 'failed')
        await emit(this.config, 'task-finished', finishedEvent(last), (m) => this.out.warn(m))
      throw error
    } finally {
      abort.dispose()
      watch?.end()
      await progress.close()
    }
  }

  protected renderHuman(result: unknown): string {
    return taskText(result as Record<string, unknown>, this.config.bin)
  }
}
