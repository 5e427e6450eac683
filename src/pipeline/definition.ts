import {existsSync, readFileSync} from 'node:fs'
import {extname, resolve} from 'node:path'

import {flagKey} from '../batch/manifest.js'
import {isCliError, validationError} from '../errors.js'
import {type FileAccessPolicy, assertReadable, commandLinePolicy} from '../util/file-access.js'
import {builtinPipelines} from './builtins.js'

/** One step as written: an id, a mode (a creation mode or a local media step), its fields. */
export interface StepDefinition {
  id: string
  mode: string
  /** A reference to a list: the step runs once per element, `${item}` and `${index}` name it. */
  forEach?: unknown
  /** The step's fields, keyed like the flags of `create <mode>` (kebab-case). */
  fields: Record<string, unknown>
}

export interface VarDefinition {
  description?: string
  default?: string
  required: boolean
}

export interface PipelineDefinition {
  name: string
  description: string
  /** The file it was read from, or `builtin:<name>`. */
  source: string
  vars: Record<string, VarDefinition>
  steps: StepDefinition[]
}

const STEP_ID = /^[a-z][a-z0-9_-]{0,39}$/i
const NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/i

/** A pipeline by built-in name or by file (YAML or JSON); exit 6 with the reason when it is malformed. */
/**
 * A built-in by name, or a file the caller's policy may read (an MCP tool call: only inside the
 * folder `mcp serve` was given; never the login or a dot-folder).
 */
export async function loadPipeline(
  nameOrFile: string,
  files: FileAccessPolicy = commandLinePolicy(),
): Promise<PipelineDefinition> {
  const builtin = Object.hasOwn(builtinPipelines, nameOrFile) ? builtinPipelines[nameOrFile] : undefined
  if (builtin && !existsSync(nameOrFile)) return parsePipeline(builtin, `builtin:${nameOrFile}`, true)
  let file = resolve(files.base, nameOrFile)
  let text: string
  try {
    file = assertReadable(files, nameOrFile, 'pipeline')
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if (isCliError(error)) throw error
    const names = Object.keys(builtinPipelines).join(', ')
    throw validationError(
      `Cannot read pipeline ${nameOrFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message} (built-ins: ${names})`,
    )
  }

  return parsePipeline(
    text,
    file,
    ['.yaml', '.yml'].includes(extname(file).toLowerCase()) || !text.trimStart().startsWith('{'),
  )
}

export async function parsePipeline(text: string, source: string, yaml: boolean): Promise<PipelineDefinition> {
  let document: unknown
  try {
    document = yaml ? (await import('yaml')).parse(text, {maxAliasCount: 100}) : JSON.parse(text)
  } catch (error) {
    throw validationError(
      `Pipeline ${source} is not valid ${yaml ? 'YAML' : 'JSON'}: ${(error as Error).message.split('\n')[0]}`,
    )
  }

  if (!isObject(document)) throw validationError(`Pipeline ${source}: expected an object with "steps"`)
  const name = document.name === undefined ? fallbackName(source) : String(document.name)
  if (!NAME.test(name))
    throw validationError(`Pipeline ${source}: "name" must be letters, digits, - or _ (got "${name}")`)
  if (!Array.isArray(document.steps) || document.steps.length === 0)
    throw validationError(`Pipeline ${source}: "steps" must be a non-empty list`)
  const steps = document.steps.map((raw, index) => stepOf(raw, index))
  const seen = new Set<string>()
  for (const step of steps) {
    if (seen.has(step.id)) throw validationError(`Pipeline ${source}: two steps are called "${step.id}"`)
    seen.add(step.id)
  }

  return {
    name,
    description: typeof document.description === 'string' ? document.description : '',
    source,
    vars: varsOf(source, document.vars),
    steps,
  }
}

function stepOf(raw: unknown, index: number): StepDefinition {
  if (!isObject(raw)) throw validationError(`Step ${index + 1}: expected an object with "id" and "mode"`)
  const fields: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(raw)) fields[flagKey(key)] = value
  const {id, mode, 'for-each': forEach, ...rest} = fields
  if (typeof id !== 'string' || !STEP_ID.test(id)) {
    throw validationError(
      `Step ${index + 1}: "id" must start with a letter and use letters, digits, - or _ (got ${JSON.stringify(id ?? null)})`,
    )
  }

  if (typeof mode !== 'string' || mode.trim() === '')
    throw validationError(`Step ${id}: "mode" is required (a create mode, or split, frame, concat, mux, download)`)
  if (['item', 'index'].includes(id)) throw validationError(`Step ${id}: "${id}" is reserved for for_each`)
  return {id, mode: mode.trim().replace(/_/g, '-'), ...(forEach === undefined ? {} : {forEach}), fields: rest}
}

function varsOf(source: string, raw: unknown): Record<string, VarDefinition> {
  if (raw === undefined || raw === null) return {}
  if (!isObject(raw))
    throw validationError(`Pipeline ${source}: "vars" must map names to {default, description, required}`)
  const vars: Record<string, VarDefinition> = {}
  for (const [name, value] of Object.entries(raw)) {
    if (!/^[a-z][a-z0-9_]*$/i.test(name))
      throw validationError(`Pipeline ${source}: variable name "${name}" must be letters, digits or _`)
    const spec = isObject(value) ? value : {default: value}
    const fallback = spec.default === undefined || spec.default === null ? undefined : String(spec.default)
    vars[name] = {
      ...(typeof spec.description === 'string' ? {description: spec.description} : {}),
      ...(fallback === undefined ? {} : {default: fallback}),
      required: spec.required === true || fallback === undefined,
    }
  }

  return vars
}

/** `--var key=value` pairs over the file's defaults; unknown or missing variables are exit 6. */
export function bindVars(pipeline: PipelineDefinition, given: string[]): Record<string, string> {
  const values: Record<string, string> = {}
  for (const pair of given) {
    const at = pair.indexOf('=')
    if (at <= 0) throw validationError(`--var "${pair}" must be key=value`)
    const key = pair.slice(0, at).trim()
    if (!pipeline.vars[key]) {
      const known = Object.keys(pipeline.vars)
      throw validationError(
        `--var ${key}: ${pipeline.name} has no such variable (variables: ${known.join(', ') || 'none'})`,
      )
    }

    values[key] = pair.slice(at + 1)
  }

  for (const [name, spec] of Object.entries(pipeline.vars)) {
    if (values[name] !== undefined) continue
    if (spec.default !== undefined) values[name] = spec.default
    else
      throw validationError(
        `--var ${name}=… is required by ${pipeline.name}${spec.description ? ` (${spec.description})` : ''}`,
      )
  }

  return values
}

function fallbackName(source: string): string {
  const base = source.split(/[\\/]/).pop() ?? 'pipeline'
  return base.replace(/\.(ya?ml|json)$/i, '').replace(/[^a-z0-9_-]/gi, '-') || 'pipeline'
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return Boolean(value) && typeof value === 'object' && !Array.isArray(value)
}
