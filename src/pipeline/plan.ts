import type {CheckedPipeline} from './check.js'
import {type Lookup, referenceText, substitute, withoutEmpty} from './references.js'

/**
 * What `--dry-run` prints: every step in the order it can start (waves of steps that run in
 * parallel), its inputs with variables filled in and references to outputs not made yet shown as
 * written, and its model. Nothing is sent.
 */
export function dryRunPlan(pipeline: CheckedPipeline, outDir: string): Record<string, unknown> {
  const wave = new Map<string, number>()
  for (const step of pipeline.steps)
    wave.set(step.def.id, Math.max(0, ...step.deps.map((dep) => (wave.get(dep) ?? 0) + 1)))
  const lookup: Lookup = (ref) =>
    ref.field || ref.name === 'item' || ref.name === 'index' ? referenceText(ref) : pipeline.vars[ref.name]
  const waves: string[][] = []
  for (const [id, n] of wave) (waves[n] ??= []).push(id)
  return {
    pipeline: pipeline.definition.name,
    source: pipeline.definition.source,
    out: outDir,
    dry_run: true,
    vars: pipeline.vars,
    order: waves,
    needs_ffmpeg: Boolean(pipeline.tools),
    steps: pipeline.steps.map((step) => ({
      id: step.def.id,
      mode: step.def.mode,
      kind: step.kind,
      depends_on: step.deps,
      ...(step.def.forEach === undefined ? {} : {for_each: substitute(step.def.forEach, lookup)}),
      inputs: withoutEmpty(substitute(step.def.fields, lookup)),
      ...(step.model ? {model: step.model} : {}),
      outputs: Object.keys(step.outputs),
    })),
  }
}
