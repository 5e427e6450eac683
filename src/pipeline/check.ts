import {existsSync, statSync} from 'node:fs'

import {rowInput} from '../batch/coerce.js'
import {poolOf} from '../batch/prepare-rows.js'
import {isMode} from '../catalog/index.js'
import {creationNamed, creationNames} from '../creations/index.js'
import type {PrepareContext} from '../creations/types.js'
import {isCliError, validationError} from '../errors.js'
import type {PipelineDefinition, StepDefinition} from './definition.js'
import {findFfmpeg, type Ffmpeg} from './ffmpeg.js'
import {type LocalField, isLocalStep, localSteps} from './local-steps.js'
import {type Lookup, type Reference, referenceText, referencesIn, substitute, withoutEmpty} from './references.js'

export type OutputType = 'file' | 'files' | 'id' | 'ids'
type FlagMap = Parameters<typeof rowInput>[1]

/** A step that passed every check: what it needs, what it gives, and how to run it. */
export interface CheckedStep {
  def: StepDefinition
  kind: 'creation' | 'local'
  /** Steps whose outputs it reads. */
  deps: string[]
  outputs: Record<string, OutputType>
  /** Creation steps: the slot pool, the output media, the command's flags, the model. */
  pool?: 'video' | 'image' | 'audio'
  flags?: FlagMap
  model?: string
  /** Tasks one run of the step creates (its --count). */
  units?: number
}

export interface CheckedPipeline {
  definition: PipelineDefinition
  vars: Record<string, string>
  steps: CheckedStep[]
  tools?: Ffmpeg
  needsApi: boolean
}

/** Outputs of a creation: its ids, and the downloaded file(s) under the kind's name. */
export function creationOutputs(pool: 'video' | 'image' | 'audio'): Record<string, OutputType> {
  return {id: 'id', ids: 'ids', [pool]: 'file', [`${pool}s`]: 'files'}
}

/**
 * Checks the whole pipeline before the first request, in file order (a step may only read earlier
 * steps, so the graph has no cycle): references, every creation's fields through the same flag
 * parsers and creation specs as `create <mode>` (with stand-ins for outputs not made yet), every
 * local step's fields, and ffmpeg when a step needs it. Any problem is exit 6 naming the step.
 */
export async function checkPipeline(
  definition: PipelineDefinition,
  vars: Record<string, string>,
  ctx: PrepareContext,
): Promise<CheckedPipeline> {
  const checked = new Map<string, CheckedStep>()
  const steps: CheckedStep[] = []
  for (const def of definition.steps) {
    const where = `Step ${def.id}`
    const deps = new Set<string>()
    const itemType = def.forEach === undefined ? undefined : forEachType(def, checked, vars)
    const lookup: Lookup = (ref) => {
      const type = referenceType(where, ref, def, checked, vars, itemType)
      if (type === 'var') return vars[ref.name]
      if (type === 'index') return 1
      if (ref.name !== 'item') deps.add(ref.name)
      return standIn(type)
    }

    if (def.forEach !== undefined)
      for (const ref of referencesIn(def.forEach)) if (checked.has(ref.name)) deps.add(ref.name)
    const fields = withoutEmpty(substitute(def.fields, lookup))
    if (def.forEach !== undefined && isLocalStep(def.mode))
      throw validationError(`${where}: for_each is for creation steps (${def.mode} takes lists itself)`)
    const step = isLocalStep(def.mode) ? checkLocal(where, def, fields) : await checkCreation(where, def, fields, ctx)
    step.deps = [...deps]
    checked.set(def.id, step)
    steps.push(step)
  }

  const ffmpegStep = steps.find((s) => s.kind === 'local' && localSteps[s.def.mode].needsFfmpeg)
  const tools = ffmpegStep ? findFfmpeg(`Step ${ffmpegStep.def.id} (${ffmpegStep.def.mode})`) : undefined
  const needsApi = steps.some((s) => s.kind === 'creation' || localSteps[s.def.mode]?.needsApi)
  return {definition, vars, steps, ...(tools ? {tools} : {}), needsApi}
}

function forEachType(def: StepDefinition, checked: Map<string, CheckedStep>, vars: Record<string, string>): OutputType {
  const where = `Step ${def.id}: for_each`
  if (Array.isArray(def.forEach)) {
    if (def.forEach.length === 0) throw validationError(`${where} is an empty list`)
    return 'file'
  }

  const refs = referencesIn(def.forEach)
  if (typeof def.forEach !== 'string' || refs.length !== 1 || referenceText(refs[0]) !== def.forEach.trim()) {
    throw validationError(`${where} must be one reference to a list (e.g. \${tiles.images}) or a list`)
  }

  const type = referenceType(where, refs[0], {...def, forEach: undefined}, checked, vars, undefined)
  if (type === 'files') return 'file'
  if (type === 'ids') return 'id'
  throw validationError(`${where}: ${def.forEach} is not a list (use an output such as images, videos or ids)`)
}

/** What a reference names, or exit 6 saying why it cannot be read here. */
function referenceType(
  where: string,
  ref: Reference,
  def: StepDefinition,
  checked: Map<string, CheckedStep>,
  vars: Record<string, string>,
  itemType: OutputType | undefined,
): OutputType | 'var' | 'index' {
  const text = referenceText(ref)
  if (ref.name === 'item' || ref.name === 'index') {
    if (itemType === undefined) throw validationError(`${where}: ${text} is only defined in a step with for_each`)
    return ref.name === 'index' ? 'index' : itemType
  }

  if (!ref.field) {
    if (vars[ref.name] !== undefined) return 'var'
    const known = Object.keys(vars)
    throw validationError(
      `${where}: ${text} is not a variable of this pipeline (variables: ${known.join(', ') || 'none'}; declare it under "vars")`,
    )
  }

  const source = checked.get(ref.name)
  if (!source) {
    const later = ref.name === def.id ? 'itself' : 'a step that is not defined before it'
    throw validationError(`${where}: ${text} names ${later} (a step reads only earlier steps)`)
  }

  const type = source.outputs[ref.field]
  if (!type)
    throw validationError(
      `${where}: ${text}: step ${ref.name} has no output "${ref.field}" (outputs: ${Object.keys(source.outputs).join(', ')})`,
    )
  return type
}

/**
 * What an output not made yet looks like while checking: a service media path (`upload/…`, the form a
 * media flag accepts without a local file) or an id, which pass the same checks. Never sent.
 */
const PENDING_OUTPUT = 'upload/pipeline-pending-output'

function standIn(type: OutputType): unknown {
  if (type === 'id') return '1'
  if (type === 'ids') return ['1']
  if (type === 'files') return [PENDING_OUTPUT]
  return PENDING_OUTPUT
}

async function checkCreation(
  where: string,
  def: StepDefinition,
  fields: Record<string, unknown>,
  ctx: PrepareContext,
): Promise<CheckedStep> {
  const spec = creationNamed(def.mode)
  if (!spec) {
    const modes = [...creationNames, ...Object.keys(localSteps)]
    throw validationError(`${where}: unknown mode "${def.mode}" (modes: ${modes.join(', ')})`)
  }

  const {flags} = spec
  const input = await rowInput({line: 0, mode: def.mode, fields}, flags, where)
  await spec.prepare(input, ctx).catch((error: unknown) => {
    throw isCliError(error) ? validationError(`${where}: ${error.message}`, error.hint) : error
  })
  const pool = poolOf(def.mode)
  const count = Number(input.count ?? 1)
  return {
    def,
    kind: 'creation',
    deps: [],
    outputs: creationOutputs(pool),
    pool,
    flags,
    model: await modelOf(def.mode, input.model, ctx),
    units: count > 0 ? count : 1,
  }
}

async function modelOf(mode: string, requested: unknown, ctx: PrepareContext): Promise<string | undefined> {
  if (!isMode(mode)) return undefined
  const {resolveModel} = await import('../catalog/resolve-model.js')
  const stored = ctx.storedDefaults(mode).model as string | undefined
  return resolveModel(mode, typeof requested === 'string' ? requested : undefined, {stored}).model
}

function checkLocal(where: string, def: StepDefinition, fields: Record<string, unknown>): CheckedStep {
  const kind = localSteps[def.mode]
  const outputs = kind.outputs
  for (const key of Object.keys(fields)) {
    if (!kind.fields[key])
      throw validationError(
        `${where}: unknown field "${key}" for ${def.mode} (fields: ${Object.keys(kind.fields).join(', ')})`,
      )
  }

  localInput(where, def.mode, fields, true)
  return {def, kind: 'local', deps: [], outputs}
}

/** A local step's fields with defaults applied and types checked (stand-ins pass while checking). */
export function localInput(
  where: string,
  mode: string,
  fields: Record<string, unknown>,
  checking = false,
): Record<string, unknown> {
  const input: Record<string, unknown> = {}
  for (const [name, field] of Object.entries(localSteps[mode].fields)) {
    const value = fields[name] ?? field.default
    if (value === undefined || value === '') {
      if (field.required) throw validationError(`${where}: "${name}" is required (${field.description})`)
      continue
    }

    input[name] = localValue(`${where}: "${name}"`, field, value, checking)
  }

  return input
}

function localValue(where: string, field: LocalField, value: unknown, checking: boolean): unknown {
  const isFile = (v: unknown) =>
    typeof v === 'string' && ((checking && v === PENDING_OUTPUT) || (existsSync(v) && statSync(v).isFile()))
  switch (field.type) {
    case 'file':
      if (Array.isArray(value)) throw validationError(`${where} takes one file, not a list`)
      if (!isFile(value))
        throw validationError(
          `${where}: no such file "${String(value)}" (a local file, or an earlier step's output such as \${board.image})`,
        )
      return value
    case 'files': {
      const list = Array.isArray(value) ? value : [value]
      if (list.length === 0) throw validationError(`${where} is an empty list`)
      for (const item of list) if (!isFile(item)) throw validationError(`${where}: no such file "${String(item)}"`)
      return list
    }

    case 'choice':
      if (!field.options!.includes(String(value)))
        throw validationError(`${where} must be one of ${field.options!.join(', ')} (got "${String(value)}")`)
      return String(value)
    default: {
      if (field.type === 'choice-or-number' && field.options!.includes(String(value))) return String(value)
      const number = Number(value)
      const integer = field.type === 'integer'
      const ok =
        typeof value !== 'boolean' &&
        String(value).trim() !== '' &&
        Number.isFinite(number) &&
        (!integer || Number.isInteger(number))
      const inRange =
        ok && (field.min === undefined || number >= field.min) && (field.max === undefined || number <= field.max)
      if (!inRange) {
        const range = `${field.min ?? ''}..${field.max ?? ''}`
        const what =
          field.type === 'choice-or-number'
            ? `${field.options!.join(', ')} or seconds (${range})`
            : `${integer ? 'an integer' : 'a number'} in ${range}`
        throw validationError(`${where} must be ${what} (got "${String(value)}")`)
      }

      return number
    }
  }
}
