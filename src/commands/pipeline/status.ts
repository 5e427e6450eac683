import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {existsSync} from 'node:fs'
import {join} from 'node:path'

import {BaseCommand} from '../../base/base-command.js'
import {validationError} from '../../errors.js'
import {type FileAccessPolicy, commandLinePolicy, outputPath} from '../../util/file-access.js'

export default class PipelineStatus extends BaseCommand<typeof PipelineStatus> {
  /** Which pipeline files and folders it may read (the MCP server gives its own; see util/file-access.ts). */
  files: FileAccessPolicy = commandLinePolicy()

  static description = `Show where a pipeline run stands, from its state file (no request is sent).

Lists each step with its status (pending, running, done, failed, blocked), ids, credits and error. \`running\` says whether a run is going in that folder now. Steps still running or submitted are continued by the next \`pipeline run\` of the same pipeline and --out.`

  static examples = [
    '<%= config.bin %> pipeline status storyboard',
    '<%= config.bin %> pipeline status film.yaml --out ./film --json',
  ]

  static args = {
    pipeline: Args.string({
      description: 'Pipeline file or built-in name (as given to `pipeline run`).',
      required: true,
    }),
  }

  static flags = {
    out: Flags.string({description: 'The output folder of the run. [default: ./pixverse-<name>]'}),
  }

  async run(): Promise<Record<string, unknown>> {
    const [{loadPipeline}, {outDirOf, activeRun, STATE_FILE}, {PipelineState}] = await Promise.all([
      import('../../pipeline/definition.js'),
      import('../../pipeline/out-dir.js'),
      import('../../pipeline/state.js'),
    ])
    const definition = await loadPipeline(this.args.pipeline, this.files)
    // Over MCP the output folder is confined to the one `mcp serve` was given (outDirOf: `pixverse-<name>`).
    const outDir = outDirOf(
      definition.name,
      outputPath(this.files, this.flags.out ?? `pixverse-${definition.name}`, () => '', '--out'),
    )
    const stateFile = join(outDir, STATE_FILE)
    if (!existsSync(stateFile))
      throw validationError(
        `No pipeline state at ${stateFile}: run \`pixverse pipeline run ${this.args.pipeline}\` first (or pass its --out)`,
      )
    const state = new PipelineState(stateFile, definition.name)
    const steps = definition.steps.map((def) => {
      const step = state.get(def.id)
      const units = step?.units ?? []
      return {
        id: def.id,
        mode: def.mode,
        status: step?.status ?? 'pending',
        ids: units.flatMap((unit) => unit.ids ?? []),
        ...(units.length > 0
          ? {
              creations: {
                total: units.length,
                done: units.filter((u) => u.status === 'done').length,
                submitted: units.filter((u) => u.status === 'submitted').length,
              },
            }
          : {}),
        credits: step?.credits ?? units.reduce((sum, unit) => sum + (unit.cost ?? 0), 0),
        ...(step?.outputs ? {outputs: step.outputs} : {}),
        ...(step?.error ? {error: step.error} : {}),
      }
    })
    const counts: Record<string, number> = {total: steps.length, pending: 0, running: 0, done: 0, failed: 0, blocked: 0}
    for (const step of steps) counts[step.status] = (counts[step.status] ?? 0) + 1
    const pid = activeRun(outDir)
    return {
      pipeline: definition.name,
      out: outDir,
      state_file: stateFile,
      running: pid !== undefined,
      ...(pid ? {pid} : {}),
      counts,
      credits_spent: steps.reduce((sum, s) => sum + s.credits, 0),
      steps,
    }
  }

  protected renderHuman(result: unknown): string {
    const {
      counts,
      credits_spent: credits,
      steps,
    } = result as {counts: Record<string, number>; credits_spent: number; steps: Array<Record<string, unknown>>}
    const head = `${counts.total} steps: ${counts.done} done, ${counts.running} running, ${counts.pending} pending, ${counts.failed} failed, ${counts.blocked} blocked · ${credits} credits`
    return [
      head,
      ...steps.map(
        (s) =>
          `  ${String(s.id).padEnd(14)} ${String(s.mode).padEnd(10)} ${String(s.status).padEnd(8)} ${(s.ids as number[]).join(',')}${s.error ? `  ${s.error}` : ''}`,
      ),
    ].join('\n')
  }
}
