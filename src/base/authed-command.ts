import {type Command} from '@oclif/core/command'
import * as Flags from '@oclif/core/flags'

import {resolveEndpoint, type ServiceEndpoint} from '../api/base-url.js'
import {ApiClient, type Credential} from '../api/client.js'
import {pollDeviceToken, requestDeviceCode} from '../api/device-login.js'
import type {TaskSnapshot} from '../api/tasks.js'
import {ConfigStore} from '../config/config-store.js'
import {loadDotEnv} from '../config/dotenv.js'
import {InternalStore} from '../config/internal-store.js'
import {pixverseHome, storePaths} from '../config/paths.js'
import {authError} from '../errors.js'
import {type FileAccessPolicy, commandLinePolicy} from '../util/file-access.js'
import {clock} from '../util/clock.js'
import {defaultSandboxDir} from '../sandbox/defaults.js'
import {BaseCommand} from './base-command.js'
import {pickCredential, tokenOrigin} from './credentials.js'

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

  protected endpoint!: ServiceEndpoint
  protected session!: InternalStore
  protected settings!: ConfigStore
  protected sandboxMode = false
  /** Set by an in-process caller (the MCP server): its cancellation, and a callback on every poll. */
  waitHooks?: {signal?: AbortSignal; onUpdate?(snapshot: TaskSnapshot): void}
  /** Which local files this command may read and write: any on the command line; an MCP server sets its own. */
  files: FileAccessPolicy = commandLinePolicy()
  private client?: ApiClient

  public async init(): Promise<void> {
    await super.init()
    const dotEnvNotice = loadDotEnv()
    if (dotEnvNotice) this.out.notice(dotEnvNotice)
    const flags = this.flags as {sandbox?: boolean}
    this.sandboxMode = Boolean(flags.sandbox) || /^(1|true|yes)$/i.test(process.env.PIXVERSE_SANDBOX ?? '')
    const paths = storePaths({sandbox: this.sandboxMode})
    this.session = new InternalStore(paths.internal)
    this.settings = new ConfigStore(paths.config)
    this.endpoint = this.sandboxMode ? await this.startSandbox() : resolveEndpoint()

    const ctor = this.constructor as typeof AuthedCommand
    if (this.sandboxMode && ctor.autoSandboxLogin && !this.credential()) await this.loginToSandbox()
    if (ctor.requiresLogin && !this.credential()) throw authError('Not logged in')
  }

  protected credential(): Credential | undefined {
    // The sandbox uses only its own session: an env token is meant for a real account.
    if (this.sandboxMode) {
      const token = this.session.token
      return token ? {kind: 'token', value: token} : undefined
    }

    return pickCredential(this.session, this.endpoint)
  }

  /** The API client, built on first use so commands that never call the service never load got. */
  protected get api(): ApiClient {
    this.client ??= new ApiClient({
      endpoint: this.endpoint,
      credential: this.credential(),
      workspaceId: this.workspaceOverride ?? this.session.activeWorkspaceId,
      language: this.session.language,
      fixedTraceId: this.traceIdOverride,
      cliSource: process.env.PIXVERSE_CLI_SOURCE?.trim() || 'cli',
      userAgent: `pixverse-cli/${this.config.version} node/${process.versions.node}`,
      timeoutMs: Number(process.env.PIXVERSE_HTTP_TIMEOUT_MS) || undefined,
      onWorkspaceLost: (path) => this.fallBackToPersonal(path),
      onNotice: (message) => this.out.notice(message),
    })
    return this.client
  }

  /** `--timeout` bounds the whole command: every later request of it ends by then (exit 2). */
  protected keepDeadline(timeoutSec: number): void {
    this.client = this.api.withDeadline(clock().now() + timeoutSec * 1000)
  }

  /** Forget the client (e.g. after login stored a new token). */
  protected resetClient(): void {
    this.client = undefined
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

  /** The shared sandbox of this PIXVERSE_HOME (base/shared-sandbox.ts), started on first use. */
  private async startSandbox(): Promise<ServiceEndpoint> {
    const {useSharedSandbox} = await import('./shared-sandbox.js')
    const taskSeconds = Number(process.env.PIXVERSE_SANDBOX_TASK_SECONDS)
    const sandbox = await useSharedSandbox(defaultSandboxDir(pixverseHome()), taskSeconds > 0 ? {taskSeconds} : {})
    return {apiBase: sandbox.baseUrl, webBase: sandbox.origin, local: true}
  }

  private async loginToSandbox(): Promise<void> {
    this.out.info('Logging in to the local sandbox…')
    const code = await requestDeviceCode(this.api)
    const token = await pollDeviceToken(this.api, code)
    this.storeToken(token.accessToken)
  }
}
