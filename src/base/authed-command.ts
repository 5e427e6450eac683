import {type Command} from '@oclif/core/command'
import * as Flags from '@oclif/core/flags'

import {resolveEndpoint, type ServiceEndpoint} from '../api/base-url.js'
import {ApiClient, type Credential} from '../api/client.js'
import {pollDeviceToken, requestDeviceCode} from '../api/device-login.js'
import type {ConfigStore} from '../config/config-store.js'
import {loadDotEnv} from '../config/dotenv.js'
import type {InternalStore} from '../config/internal-store.js'
import {pixverseHome} from '../config/paths.js'
import type {ServiceContext, WaitHooks} from '../context/command-context.js'
import {authError} from '../errors.js'
import type {FileAccessPolicy} from '../util/file-access.js'
import {clock} from '../util/clock.js'
import {defaultSandboxDir} from '../sandbox/defaults.js'
import {BaseCommand} from './base-command.js'
import {pickCredential, tokenOrigin} from '../api/credentials.js'

const WORKSPACE_NOTICE = ' — switched to personal workspace. Please retry your command.'

/**
 * A command that talks to the service: resolves the endpoint (or finds the shared sandbox),
 * picks the credential, and builds the API client on first use.
 */
export abstract class AuthedCommand<T extends typeof Command> extends BaseCommand<T> {
  static baseFlags = {
    ...BaseCommand.baseFlags,
    sandbox: Flags.boolean({
      description:
        'Run against the local sandbox backend, started in the background on first use (no account, no credits spent). Also PIXVERSE_SANDBOX=1.',
      helpGroup: 'GLOBAL',
    }),
  }

  /** Refuse locally when nobody is logged in (auth status, account, workspace: docs/protocol.md §8). */
  protected static requiresLogin = false
  /** In sandbox mode, log in to the sandbox automatically when there is no session yet. */
  protected static autoSandboxLogin = true

  /** This command's own client: one with a deadline (`keepDeadline`), or for a per-call workspace or trace id. */
  private client?: ApiClient

  public async init(): Promise<void> {
    await super.init()
    // A host's context (the MCP server) brings its endpoint and stores: no second sandbox, no second login.
    if (!this.ctx.service) await this.connect()
    await this.checkBeforeRun()
  }

  /** Refused locally, before any request, when the command needs a login and there is none. */
  protected async checkBeforeRun(): Promise<void> {
    const ctor = this.constructor as typeof AuthedCommand
    if (ctor.requiresLogin && !this.credential()) throw authError('Not logged in')
  }

  /** Sets up this invocation's service on the context: endpoint (or the --sandbox backend), stores, client. */
  private async connect(): Promise<void> {
    const dotEnvNotice = loadDotEnv(process.cwd(), this.ctx.env)
    if (dotEnvNotice) this.out.notice(dotEnvNotice)
    const flags = this.flags as {sandbox?: boolean}
    const sandboxMode = Boolean(flags.sandbox) || /^(1|true|yes)$/i.test(this.ctx.env.PIXVERSE_SANDBOX ?? '')
    const {session, settings} = this.ctx.stores({sandbox: sandboxMode})
    const endpoint = sandboxMode ? await this.startSandbox() : resolveEndpoint(this.ctx.env)
    this.ctx.connect({endpoint, session, settings, sandboxMode}, () => this.newClient())
    this.connectedHere = true

    const ctor = this.constructor as typeof AuthedCommand
    if (sandboxMode && ctor.autoSandboxLogin && !this.credential()) await this.loginToSandbox()
  }

  private get service(): ServiceContext {
    if (!this.ctx.service) throw new Error('The service is not set up yet (AuthedCommand#init)')
    return this.ctx.service
  }

  protected get endpoint(): ServiceEndpoint {
    return this.service.endpoint
  }

  protected get session(): InternalStore {
    return this.service.session
  }

  protected get settings(): ConfigStore {
    return this.service.settings
  }

  protected get sandboxMode(): boolean {
    return this.service.sandboxMode
  }

  /** The in-process caller's cancellation and poll callback (the MCP server), from the context. */
  get waitHooks(): WaitHooks | undefined {
    return this.ctx.waitHooks
  }

  /** Which local files this command may read and write: any on the command line; an MCP server sets its own. */
  get files(): FileAccessPolicy {
    return this.ctx.files
  }

  set files(policy: FileAccessPolicy) {
    this.ctx.files = policy
  }

  protected credential(): Credential | undefined {
    // The sandbox uses only its own session: an env token is meant for a real account.
    if (this.sandboxMode) {
      const token = this.session.token
      return token ? {kind: 'token', value: token} : undefined
    }

    return pickCredential(this.session, this.endpoint, this.ctx.env)
  }

  /**
   * The API client, built on first use so commands that never call the service never load got.
   * The context's (shared with a host) unless this command needs its own.
   */
  protected get api(): ApiClient {
    if (this.client) return this.client
    // A host's shared client carries the host's workspace and trace id: a per-call one, or one after
    // this command changed the session (`resetClient`), is this command's own.
    const ownSettings = this.workspaceOverride !== undefined || this.traceIdOverride !== undefined || this.reset
    if (!this.connectedHere && ownSettings) this.client = this.newClient()
    return this.client ?? this.ctx.api
  }

  /** The context's service was set up by this command (`connect`), not handed over by a host. */
  private connectedHere = false
  private reset = false

  private newClient(): ApiClient {
    return new ApiClient({
      endpoint: this.endpoint,
      credential: this.credential(),
      workspaceId: this.workspaceOverride ?? this.session.activeWorkspaceId,
      language: this.session.language,
      fixedTraceId: this.traceIdOverride,
      cliSource: this.ctx.env.PIXVERSE_CLI_SOURCE?.trim() || 'cli',
      userAgent: `pixverse-cli/${this.config.version} node/${process.versions.node}`,
      timeoutMs: Number(this.ctx.env.PIXVERSE_HTTP_TIMEOUT_MS) || undefined,
      onWorkspaceLost: (path) => this.fallBackToPersonal(path),
      onNotice: (message) => this.out.notice(message),
    })
  }

  /** `--timeout` bounds the whole command: every later request of it ends by then (exit 2). */
  protected keepDeadline(timeoutSec: number): void {
    this.client = this.api.withDeadline(clock().now() + timeoutSec * 1000)
  }

  /** Forget the client (e.g. after login stored a new token). */
  protected resetClient(): void {
    this.client = undefined
    this.reset = true
    if (this.connectedHere) this.ctx.resetClient()
  }

  /** Stores a freshly issued token with the origin it belongs to. */
  protected storeToken(token: string): void {
    this.session.update({token, tokenApiBase: tokenOrigin(this.endpoint)})
    this.resetClient()
  }

  /** docs/protocol.md §8: a lost team workspace falls back to personal, unless the user chose one explicitly. */
  private fallBackToPersonal(path: string): string | undefined {
    if (this.workspaceOverride !== undefined) return undefined
    if (path.startsWith('team/workspace/')) return undefined
    if (this.session.activeWorkspaceId === 0) return undefined
    this.session.update({activeWorkspaceId: 0})
    return WORKSPACE_NOTICE
  }

  /** The shared sandbox of this PIXVERSE_HOME (api/shared-sandbox.ts), started on first use. */
  private async startSandbox(): Promise<ServiceEndpoint> {
    const {useSharedSandbox} = await import('../api/shared-sandbox.js')
    const taskSeconds = Number(this.ctx.env.PIXVERSE_SANDBOX_TASK_SECONDS)
    const sandbox = await useSharedSandbox(
      defaultSandboxDir(pixverseHome(this.ctx.env)),
      taskSeconds > 0 ? {taskSeconds} : {},
    )
    return {apiBase: sandbox.baseUrl, webBase: sandbox.origin, local: true, uploadOrigin: sandbox.origin}
  }

  private async loginToSandbox(): Promise<void> {
    this.out.info('Logging in to the local sandbox…')
    const code = await requestDeviceCode(this.api)
    const token = await pollDeviceToken(this.api, code)
    this.storeToken(token.accessToken)
  }
}
