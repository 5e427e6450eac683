import {AsyncLocalStorage} from 'node:async_hooks'

import type {ServiceEndpoint} from '../api/base-url.js'
import type {ApiClient} from '../api/client.js'
import type {TaskSnapshot} from '../api/tasks.js'
import {ConfigStore} from '../config/config-store.js'
import {InternalStore} from '../config/internal-store.js'
import {type StorePaths, storePaths} from '../config/paths.js'
import {Output} from '../output.js'
import {colourOn} from '../util/colour.js'
import {type FileAccessPolicy, commandLinePolicy} from '../util/file-access.js'
import {canAnimate, canOpenBrowser, canPrompt} from '../util/person.js'
import type {Screen} from '../util/screen.js'
import {type IOStreams, type InputStream, processStreams} from './streams.js'

/** Set by an in-process caller (the MCP server): its cancellation, and a callback on every poll. */
export interface WaitHooks {
  signal?: AbortSignal
  onUpdate?(snapshot: TaskSnapshot): void
}

/** The `~/.pixverse` stores of one invocation. */
export interface Stores {
  paths: StorePaths
  /** `internal.json`: token, language, active workspace. */
  session: InternalStore
  /** `config.json`: output folder and creation defaults. */
  settings: ConfigStore
}

/** What a command that talks to the service works against: set up by `AuthedCommand`, or given by a host. */
export interface ServiceContext {
  endpoint: ServiceEndpoint
  session: InternalStore
  settings: ConfigStore
  sandboxMode: boolean
}

export interface ContextOptions {
  /** Default: the process's stdin, stdout and stderr. */
  streams?: IOStreams
  /** Default: `process.env` (the same object, so a loaded `.env` is seen). */
  env?: NodeJS.ProcessEnv
  /** JSON mode whatever the argv says (an in-process caller always wants the result object). */
  json?: boolean
  /** Which local files the command may read and write; default: any named on the command line. */
  files?: FileAccessPolicy
  waitHooks?: WaitHooks
  /** A host's endpoint and stores: the command then starts no sandbox and builds no stores of its own. */
  service?: ServiceContext
  /** A host's client, shared by a command that needs no client of its own (no --workspace-id or --trace-id). */
  api?: () => ApiClient
}

/**
 * Everything a command gets from outside, in one object (the GitHub CLI's IOStreams + Factory):
 * its streams and whether a person is at them, JSON mode, the environment, the stores, the service
 * endpoint, the file-access policy and a lazy API client. `BaseCommand` builds one from the process;
 * a host (the MCP server, the in-process test runner) builds its own and hands it over, so no
 * command or helper reaches for `process.stdout`, `process.env.CI` or a store of its own.
 */
export class CommandContext {
  readonly streams: IOStreams
  readonly env: NodeJS.ProcessEnv
  files: FileAccessPolicy
  readonly waitHooks?: WaitHooks
  /** The service: given by a host, or set up by `AuthedCommand` (`connect`). */
  service?: ServiceContext
  private jsonMode: boolean
  private readonly jsonForced: boolean
  private client?: ApiClient
  private clientFactory?: () => ApiClient

  constructor(options: ContextOptions = {}) {
    this.streams = options.streams ?? processStreams()
    this.env = options.env ?? process.env
    this.jsonForced = options.json === true
    this.jsonMode = this.jsonForced
    this.files = options.files ?? commandLinePolicy()
    this.waitHooks = options.waitHooks
    this.service = options.service
    this.clientFactory = options.api
  }

  /** The context a command gets when nobody hands it one (and when oclif's runner builds it). */
  static current(): CommandContext {
    return scope.getStore() ?? new CommandContext()
  }

  get json(): boolean {
    return this.jsonMode
  }

  /** --json/-p as the command parsed it; a context that forces JSON mode keeps it. */
  setJson(json: boolean): void {
    if (!this.jsonForced) this.jsonMode = json
  }

  /** A person can answer a question (src/util/person.ts). */
  canPrompt(): boolean {
    return canPrompt(this.streams, {json: this.json}, this.env)
  }

  /** A browser may be opened for the person at the terminal (src/util/person.ts). */
  canOpenBrowser(): boolean {
    return canOpenBrowser(this.streams, {json: this.json}, this.env)
  }

  /** A live display on stderr is watched (src/util/person.ts). */
  canAnimate(): boolean {
    return canAnimate(this.streams, {json: this.json})
  }

  /** What human text on `stream` is rendered for: a terminal's width (none for a pipe) and colour. */
  screen(stream: 'stdout' | 'stderr' = 'stdout'): Screen {
    const target = this.streams[stream]
    return {columns: target.isTTY ? target.columns : undefined, colour: colourOn(target, this.env)}
  }

  /** This invocation's output: results on stdout, the rest on stderr, long text paged for a person. */
  output(): Output {
    const {stdout, stderr} = this.streams
    return new Output(this.json, stdout, stderr, {
      screen: this.screen('stdout'),
      pager: {person: this.canPrompt(), rows: stdout.rows, env: this.env},
    })
  }

  /** The stores under PIXVERSE_HOME; the session is the sandbox's own with `sandbox`. */
  stores(options: {sandbox?: boolean} = {}): Stores {
    const paths = storePaths(options, this.env)
    const session = new InternalStore(paths.internal, (message) => this.output().warn(message))
    return {paths, session, settings: new ConfigStore(paths.config)}
  }

  /** Sets up the service (`AuthedCommand`): the client is built on first use, so got loads only if needed. */
  connect(service: ServiceContext, client: () => ApiClient): void {
    this.service = service
    this.clientFactory = client
    this.client = undefined
  }

  /** The API client, built on first use. */
  get api(): ApiClient {
    if (!this.clientFactory) throw new Error('This command has no service to talk to (no endpoint was set up)')
    this.client ??= this.clientFactory()
    return this.client
  }

  /** Forget the client (after a login stored a new token, or the workspace changed). */
  resetClient(): void {
    this.client = undefined
  }

  /**
   * The context of a command run inside this one's command (the MCP server's tool calls): the same
   * service, stores, file rules and client; JSON mode; no stdin (it may be the host's protocol), and
   * nothing on stdout (results are returned, never printed; stray text goes to stderr).
   */
  inProcess(waitHooks: WaitHooks = {}): CommandContext {
    return new CommandContext({
      streams: {stdin: NO_INPUT, stdout: this.streams.stderr, stderr: this.streams.stderr},
      env: this.env,
      json: true,
      files: this.files,
      waitHooks,
      service: this.service,
      api: () => this.api,
    })
  }
}

/** Never a terminal, never any data. */
const NO_INPUT: InputStream = {isTTY: false, async *[Symbol.asyncIterator]() {}}

/**
 * One scope per process, kept on `globalThis`: a second copy of this module (a plugin's own copy of
 * `pixverse`, or a loader that instantiates a file twice) must still see the context a host set.
 */
const SCOPE_KEY = Symbol.for('pixverse.command-context')
const scope: AsyncLocalStorage<CommandContext> = ((globalThis as Record<symbol, unknown>)[SCOPE_KEY] ??=
  new AsyncLocalStorage<CommandContext>()) as AsyncLocalStorage<CommandContext>

/**
 * Runs `work` (typically oclif's `run(argv, config)`) so that every command it builds gets `context`
 * instead of the process's: the in-process test runner's way in, since oclif constructs the command.
 */
export function runWithContext<T>(context: CommandContext, work: () => Promise<T>): Promise<T> {
  return scope.run(context, work)
}
