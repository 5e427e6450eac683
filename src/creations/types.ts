import type {ApiClient} from '../api/client.js'
import type {MediaResolver} from '../api/media-resolver.js'
import type {Mode} from '../catalog/index.js'

/*
 * A creation mode (define.ts), independent of how it was asked for (CLI flags, a batch row, an MCP
 * tool call): `prepare` checks everything without a request (exit 6 happens here), then `plan` does
 * the network work a request needs (uploads, look-ups) and returns what to submit.
 */

export interface PrepareContext {
  /** The user's `config defaults` for a mode (sparse, snake_case). */
  storedDefaults(mode: Mode): Record<string, unknown>
  /** Resolves a text flag: literal, file path, or `-` for stdin. */
  text(value: string): Promise<string>
}

export interface PlanContext {
  media(): Promise<MediaResolver>
  /** For look-ups a mode needs before it can build its body (template detail, motion precheck). */
  api(): ApiClient
}

export interface PreparedCreation {
  /** Coercion notes for stderr (`warn …`). */
  warnings: string[]
  plan(ctx: PlanContext): Promise<CreationPlan>
}

export interface CreationPlan {
  kind: 'video' | 'image' | 'audio' | 'music'
  /** Endpoint path, e.g. `video/t2v`. */
  path: string
  /** The body as the service expects it; `model_name_default` and the idempotency key are added on submit. */
  body: Record<string, unknown>
  /** Send an idempotency key (every video/image create; voice and music take a client request id instead). */
  idempotent: boolean
}
