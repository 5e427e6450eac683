import {displayName} from '../catalog/index.js'
import type {CreationPlan} from '../creations/types.js'
import {CliError, ExitCode, generationError, isCliError} from '../errors.js'
import {isTransient} from './retry.js'
import type {ApiClient} from './client.js'
import type {TaskKind} from './tasks.js'

export interface Submission {
  ids: number[]
  traceId: string
  /** The body as sent, without `model_name_default` (the `params` echo of --no-wait). */
  params: Record<string, unknown>
  cost?: number
  failCount?: number
  /** The submit answer, for mode-specific fields (voice/music credits, asset facts). */
  data: Record<string, unknown>
}

/**
 * Sends one creation (docs/protocol.md §3.0.1): the idempotency key and the model's marketing name are added
 * to the body, and with a key the call may be repeated after a lost answer, since the service
 * deduplicates it and never charges twice. Used by `create …`, batch runs and the MCP server.
 */
export async function sendCreation(api: ApiClient, plan: CreationPlan, key: string | undefined): Promise<Submission> {
  const params: Record<string, unknown> = {...plan.body, ...(key ? {idempotency_key: key} : {})}
  const name = typeof params.model === 'string' ? displayName(params.model) : undefined
  const body = name ? {...params, model_name_default: name} : params
  const {data, traceId} = await api
    .call<Record<string, unknown>>('POST', plan.path, {body, retry: key ? 'safe' : 'once'})
    .catch((error: unknown) => {
      if (!isCliError(error)) throw error
      // Whether or not the service took it, the same key can be sent again without paying twice.
      if (key)
        throw withDetails(
          error,
          {idempotency_key: key},
          `Retry with --idempotency-key ${key}; it will not be charged twice.`,
        )
      // No key (voice, music: nothing deduplicates them): a lost answer may hide a paid creation.
      if (answerLost(error)) throw mayExist(error, plan.kind)
      throw error
    })
  const ids = submittedIds(plan.kind, data)
  if (ids.length === 0) throw generationError(`No ${plan.kind}_id returned from API`, undefined)
  const cost = typeof data?.cost_credits === 'number' && data.cost_credits > 0 ? data.cost_credits : undefined
  const failCount = typeof data?.fail_count === 'number' && data.fail_count > 0 ? data.fail_count : undefined
  return {ids, traceId, params, cost, failCount, data: data ?? {}}
}

/** The request went out but no answer came back (a reset, a timeout, a 5xx, a damaged body). */
function answerLost(error: CliError): boolean {
  return isTransient(error) || error.exitCode === ExitCode.Timeout
}

function mayExist(error: CliError, kind: TaskKind): CliError {
  return new CliError(
    `${error.message} — the ${kind === 'music' ? 'music' : 'voice'} may have been created and charged anyway`,
    {
      exitCode: error.exitCode,
      code: error.code,
      traceId: error.traceId,
      hint: 'This mode cannot be deduplicated: check `pixverse asset list --type audio` before retrying, or it may be paid twice.',
      details: error.details,
      cause: error,
    },
  )
}

/** success_ids, else video_ids/image_ids, else the single id (docs/protocol.md §3.0.1). */
export function submittedIds(kind: TaskKind, resp: Record<string, unknown> | null | undefined): number[] {
  const key = kind === 'music' ? 'audio' : kind
  const list = (value: unknown) =>
    Array.isArray(value) ? value.map(Number).filter((n) => Number.isFinite(n) && n > 0) : []
  const success = list(resp?.success_ids)
  if (success.length > 0) return success
  const many = list(resp?.[`${key}_ids`])
  if (many.length > 0) return many
  const one = Number(resp?.[`${key}_id`])
  return Number.isFinite(one) && one > 0 ? [one] : []
}

/** Voice and music are both `audio_id` on the wire and in our output. */
export function idKeyFor(kind: TaskKind): string {
  return `${kind === 'music' ? 'audio' : kind}_id`
}

/** The same error with more fields in its JSON object (CliError fields are read-only). */
export function withDetails(error: CliError, details: Record<string, unknown>, hint?: string): CliError {
  return new CliError(error.message, {
    exitCode: error.exitCode,
    code: error.code,
    traceId: error.traceId,
    hint: error.hint ?? hint,
    details: {...details, ...error.details},
    cause: error,
  })
}
