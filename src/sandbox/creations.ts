/**
 * One submit path for every generation endpoint: validate, screen the prompt, replay an
 * idempotent retry, check slots and credits, charge, create N tasks. All state checks and
 * changes happen in one locked transaction, so a refused submit creates and charges nothing.
 */
import {ApiError, ERR, type Ctx, int, invalidParam, str} from './http.js'
import {Store, type Kind, type State, type Task} from './store.js'
import {outputSize, readMarkers, settleRefunds, slotsUsed} from './tasks.js'

export interface Prepared {
  kind: Kind
  mode: string
  prompt: string
  model: string
  quality: string
  duration: number
  aspectRatio: string
  /** credits for one task; the submit costs costEach × count */
  costEach: number
  /** create_count; video/image default 1, audio always 1 */
  count?: number
}

export type RespBuilder = (ids: number[], cost: number, tasks: Task[]) => Record<string, unknown>

export const videoResp: RespBuilder = (ids, cost) => ({
  video_id: ids[0],
  video_ids: ids,
  success_ids: ids,
  fail_count: 0,
  cost_credits: cost,
})
export const imageResp: RespBuilder = (ids, cost) => ({
  image_id: ids[0],
  image_ids: ids,
  success_ids: ids,
  fail_count: 0,
  cost_credits: cost,
})

export function totalCredits(state: State): number {
  return state.credits.credit_daily + state.credits.credit_monthly + state.credits.credit_package
}

/** Spends daily first (it expires soonest), then monthly, then purchased package credits. */
function spend(state: State, amount: number): void {
  let left = amount
  for (const bucket of ['credit_daily', 'credit_monthly', 'credit_package'] as const) {
    const take = Math.min(left, state.credits[bucket])
    state.credits[bucket] -= take
    left -= take
  }
}

export function createCount(body: Record<string, unknown>): number {
  return int(body, 'create_count', {min: 1, max: 4}) ?? 1
}

export async function submit(ctx: Ctx, endpoint: string, prepared: Prepared, respond: RespBuilder): Promise<unknown> {
  const body = ctx.body
  const markers = readMarkers(body)
  if (markers.sensitive)
    throw new ApiError(ERR.sensitive, 'The content may violate our community guidelines, please modify and try again')
  const count = prepared.count ?? createCount(body)
  const key = str(body, 'idempotency_key')
  if (key !== undefined && (key.trim() === '' || key.length > 128))
    throw invalidParam('idempotency_key must be 1-128 characters')
  const originalVideoId = body.original_video_id
  const workspaceId = ctx.auth?.workspaceId ?? 0

  return ctx.store.update((state) => {
    if (key !== undefined && state.idempotency[key]) return state.idempotency[key].resp // replay: no charge
    settleRefunds(state, ctx.now)
    if (originalVideoId !== undefined) {
      const source = state.tasks[String(originalVideoId)]
      if (!source || source.kind !== 'video' || source.deleted)
        throw new ApiError(ERR.notFound, `Task not found: original_video_id ${String(originalVideoId)}`)
    }
    const used = slotsUsed(state, prepared.kind, ctx.now)
    const limit = state.settings.slots[prepared.kind]
    if (used + count > limit) {
      throw new ApiError(
        ERR.concurrencyLimit,
        `Concurrent ${prepared.kind} generation limit reached (${used}/${limit} in use, ${count} requested)`,
      )
    }
    const cost = prepared.costEach * count
    if (totalCredits(state) < cost)
      throw new ApiError(
        ERR.insufficientCredits,
        `Insufficient credits: this creation costs ${cost}, balance is ${totalCredits(state)}`,
      )
    spend(state, cost)

    const size = outputSize(prepared.quality, prepared.aspectRatio)
    const durationMs = Math.max(0, (markers.seconds ?? state.settings.taskSeconds) * 1000)
    const tasks: Task[] = []
    for (let i = 0; i < count; i++) {
      const outcome: Task['outcome'] = markers.reject ? 7 : markers.fail || i < markers.failFirst ? 8 : 1
      const task: Task = {
        id: Store.nextId(state),
        kind: prepared.kind,
        mode: prepared.mode,
        endpoint,
        prompt: prepared.prompt,
        model: prepared.model,
        quality: prepared.quality,
        duration: prepared.duration,
        aspectRatio: prepared.aspectRatio,
        width: size.width,
        height: size.height,
        createdAt: ctx.now,
        durationMs,
        outcome,
        cost: prepared.costEach,
        offPeak: body.off_peak === 1 || body.off_peak === true ? 1 : 0,
        workspaceId,
        params: body,
      }
      state.tasks[String(task.id)] = task
      tasks.push(task)
    }
    const ids = tasks.map((t) => t.id)
    state.creditRecords.push({
      id: state.creditRecords.length + 1,
      acquired_type: 1,
      credits: -cost,
      created_at: ctx.now,
      task_id: ids[0],
      mode: prepared.mode,
      model: prepared.model,
      workspace_id: workspaceId,
    })
    state.chargedSubmits++
    const resp = respond(ids, cost, tasks)
    if (key !== undefined) state.idempotency[key] = {resp, charges: 1, createdAt: ctx.now}
    return resp
  })
}
