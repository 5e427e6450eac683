import {type MediaInput, classifyMediaInput} from '../api/media-input.js'
import type {VideoBundle} from '../api/media-resolver.js'
import type {MediaCounts} from '../catalog/media-limits.js'
import type {CreationValues, FlagValues} from '../catalog/resolve.js'
import type {Mode} from '../catalog/index.js'
import type {PrepareContext} from './types.js'

/** Shared steps of the video/image creation specs: inputs, model and parameter resolution, bundles. */

/** Every value of a media flag, classified before any request (exit 6 on a bad one). */
export function classifyAll(flag: string, values: string[] | undefined): MediaInput[] {
  return (values ?? []).map((value) => classifyMediaInput(flag, value))
}

export interface ResolvedParams {
  model: string | undefined
  values: CreationValues
  warnings: string[]
}

/**
 * Model (flag → saved default → built-in) then every parameter of the mode, from the catalogue,
 * read straight from the flag values.
 */
export async function resolveParams(
  mode: Mode,
  input: FlagValues & {model?: string},
  ctx: PrepareContext,
  options: {inputs?: MediaCounts; configMode?: Mode} = {},
): Promise<ResolvedParams> {
  const stored = ctx.storedDefaults(options.configMode ?? mode)
  const [{resolveModel}, {resolveCreationParams}] = await Promise.all([
    import('../catalog/resolve-model.js'),
    import('../catalog/resolve.js'),
  ])
  const resolved = resolveModel(mode, input.model, {stored: stored.model as string | undefined})
  const {values, warnings} = resolveCreationParams(mode, resolved.model, input, {
    defaults: stored,
    inputs: options.inputs,
  })
  return {model: resolved.model, values, warnings: [...resolved.warnings, ...warnings]}
}

/** The wire fields of a video bundle (the `source` facts are ours, not the service's). */
export function bundleFields(bundle: VideoBundle): Record<string, unknown> {
  const {source: _source, ...fields} = bundle
  if (typeof fields.customer_video_url === 'string') fields.customer_video_url = decodeUri(fields.customer_video_url)
  return fields
}

export function decodeUri(value: string): string {
  try {
    return decodeURI(value)
  } catch {
    return value
  }
}

/** Optional body fields: present only when set (booleans as `1`, docs/protocol.md §3.0.1). */
export function optionalFields(values: CreationValues, seed: number | undefined): Record<string, unknown> {
  return {
    ...(seed === undefined ? {} : {seed}),
    ...(values.audio ? {audio: 1} : {}),
    ...(values.off_peak ? {off_peak: 1} : {}),
  }
}

/** Quality for modes that reuse the source video's: flag → source (if the model takes it) → resolved default. */
export function sourceQuality(
  flagged: string | undefined,
  bundle: VideoBundle,
  resolved: string | undefined,
  allowed: string[],
): string | undefined {
  if (flagged !== undefined) return resolved
  const source = bundle.source?.quality
  if (source && (allowed.length === 0 || allowed.includes(source))) return source
  return resolved
}
