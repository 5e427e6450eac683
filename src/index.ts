/**
 * The public API of `pixverse` for plugins (see docs/plugins.md). Everything here is stable within
 * a major version; anything not exported is internal.
 *
 * Cheap to import: like the commands, nothing here loads got, ajv, inquirer or listr2 up front.
 */

// Base classes: output, errors → exit codes, the API client, the creation flow.
export {BaseCommand, type BaseArgs, type BaseFlags} from './base/base-command.js'
export {AuthedCommand} from './base/authed-command.js'
export {CreateCommand, type CreationResult} from './base/create-command.js'
export * as creationFlags from './base/creation-flags.js'
export {type InProcessOptions, type InProcessResult, runInProcess} from './base/in-process.js'
// The injected context every command runs with (streams, person checks, stores, service, client).
export {
  CommandContext,
  type ContextOptions,
  type ServiceContext,
  type Stores,
  type WaitHooks,
  runWithContext,
} from './context/command-context.js'
export type {IOStreams, InputStream, OutputStream} from './context/streams.js'
export {toCliError} from './util/to-cli-error.js'
export {type FileAccessPolicy, mcpPolicy} from './util/file-access.js'
export {pixverseHome} from './config/paths.js'
// The same @oclif/core copy as the base classes (a second copy breaks flag parsing and instanceof).
export {Args, Flags} from '@oclif/core'

// The API client.
export {
  ApiClient,
  type ApiResult,
  type CallOptions,
  type ClientSettings,
  type Credential,
  type RetryPolicy,
} from './api/client.js'
export {type ApiClientOptions, createApiClient} from './api/factory.js'
export {type ServiceEndpoint, resolveEndpoint} from './api/base-url.js'
export {type TaskKind, type TaskSnapshot, type TaskState, fetchTask, statusLabel, waitForTask} from './api/tasks.js'

// The model catalogue (read-only): modes, models and their limits.
export * as catalog from './catalog/index.js'
export {type Mode, modelSpec, modelsFor, modes} from './catalog/index.js'

// Creations: reusable specs (check with no request, then plan uploads) for `CreateCommand#create`.
export type {CreationPlan, CreationSpec, PlanContext, PrepareContext, PreparedCreation} from './creations/types.js'
export {type VideoInput, videoCreation} from './creations/video.js'
export {type CreationName, creations} from './creations/index.js'

// Errors and exit codes.
export {
  CliError,
  type CliErrorOptions,
  ExitCode,
  type ExitCodeValue,
  authError,
  generationError,
  isCliError,
  timeoutError,
  validationError,
} from './errors.js'

// Events core commands fire (oclif hooks), with their payload types; importing this module also
// declares them on oclif's `Hooks` map so `Hook<'task-finished'>` is typed.
export type {FileDownloadedEvent, PixverseEvents, TaskFinishedEvent, TaskSubmittedEvent} from './events.js'
