import type {Command, Config} from '@oclif/core'

import {creations, validationError} from './core.js'
import {type ArgDefinition, type FlagDefinition, type JsonSchema, argSchema, flagSchema} from './schema.js'

/** What an agent needs besides creating: follow tasks, use the library, check the account, find templates. */
const LIBRARY_COMMANDS = [
  'task:status',
  'task:wait',
  'asset:list',
  'asset:info',
  'asset:download',
  'account:info',
  'account:slots',
  'template:search',
  'template:info',
]

/**
 * Whole productions: `pipeline_run` checks the pipeline and returns at once with its output folder
 * and state file (the run goes on in the background), `pipeline_status` follows it.
 */
const PIPELINE_COMMANDS = ['pipeline:run', 'pipeline:status', 'pipeline:list', 'pipeline:show']

/** Flags a tool always sets, and so does not offer. */
const FORCED_FLAGS: Record<string, string[]> = {'pipeline:run': ['--detach']}
/** Flags of terminal use only: a browser to open, a stream of lines on stdout. */
const TERMINAL_FLAGS = new Set(['open', 'jsonl', 'detach'])

/** Global flags with no meaning for a tool: output is always JSON, and the server chose its backend. */
const SKIPPED_FLAGS = new Set(['json', 'sandbox'])

export interface Tool {
  name: string
  description: string
  inputSchema: JsonSchema & {type: 'object'}
  commandId: string
  /** Turns the tool's arguments into the command's argv (then parsed by the command's own parser). */
  argv(input: Record<string, unknown>): string[]
  load(): Promise<Command.Class>
}

/** `create:motion-control` → `create_motion_control`. */
export function toolName(commandId: string): string {
  return commandId.replaceAll(/[^a-zA-Z0-9]+/g, '_')
}

/** One tool per creation mode of the registry, and one per library/account command. */
export async function buildTools(config: Config): Promise<Tool[]> {
  // A creation's required inputs come from its definition (its flags are never oclif-required: the wizard asks).
  const required = new Map<string, readonly string[]>(
    Object.entries(creations).map(([name, creation]) => [`create:${name}`, creation.required]),
  )
  const ids = [...required.keys(), ...LIBRARY_COMMANDS, ...PIPELINE_COMMANDS]
  const tools: Tool[] = []
  for (const id of ids) {
    const found = config.findCommand(id)
    if (!found) continue
    const CommandClass = await found.load()
    tools.push(await toolFor(id, CommandClass, required.get(id) ?? []))
  }

  return tools
}

async function toolFor(id: string, CommandClass: Command.Class, requiredInputs: readonly string[]): Promise<Tool> {
  const ctor = CommandClass as unknown as {
    description?: string
    summary?: string
    baseFlags?: Record<string, FlagDefinition>
    flags?: Record<string, FlagDefinition>
    args?: Record<string, ArgDefinition>
  }
  const flags = Object.entries({...ctor.baseFlags, ...ctor.flags}).filter(
    ([name, flag]) => !flag.hidden && !SKIPPED_FLAGS.has(name) && !TERMINAL_FLAGS.has(name),
  )
  // A positional argument the command also takes as a flag (`task status --ids`) is offered once, as the flag.
  const args = Object.entries(ctor.args ?? {}).filter(([name]) => !flags.some(([flagName]) => flagName === name))
  const properties: Record<string, JsonSchema> = {}
  const required: string[] = []
  for (const [name, arg] of args) {
    properties[name] = argSchema(arg)
    if (arg.required) required.push(name)
  }

  for (const [name, flag] of flags) {
    properties[name] = await flagSchema(flag)
    if (flag.required || requiredInputs.includes(name)) required.push(name)
  }

  const flagMap = new Map(flags)
  return {
    name: toolName(id),
    description: `\`pixverse ${id.replaceAll(':', ' ')}\`: ${ctor.summary ?? ctor.description ?? ''}`.trim(),
    inputSchema: {type: 'object', properties, ...(required.length > 0 ? {required} : {}), additionalProperties: false},
    commandId: id,
    load: async () => CommandClass,
    argv(input) {
      const positional: string[] = []
      const options: string[] = []
      for (const [name, value] of Object.entries(input)) {
        if (value === undefined || value === null) continue
        const flag = flagMap.get(name)
        if (!flag) {
          if (!args.some(([argName]) => argName === name))
            throw validationError(`Unknown argument ${name} for ${toolName(id)}`)
          positional.push(...asList(value).map((item) => text(name, item)))
          continue
        }

        if (flag.type === 'boolean') {
          if (typeof value !== 'boolean') throw validationError(`${name} must be true or false`)
          if (value) options.push(`--${name}`)
          else if (flag.allowNo) options.push(`--no-${name}`)
          continue
        }

        // `--name=value`, so a value that starts with a dash is never read as a flag.
        for (const item of flag.multiple ? asList(value) : [value]) options.push(`--${name}=${text(name, item)}`)
      }

      return [...positional, ...options, ...(FORCED_FLAGS[id] ?? [])]
    },
  }
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value]
}

function text(name: string, value: unknown): string {
  if (typeof value === 'object')
    throw validationError(`${name} must be a ${Array.isArray(value) ? 'single value' : 'string or number'}`)
  const result = String(value)
  // stdin carries the MCP protocol in stdio mode: `-` cannot mean "read stdin" here.
  if (result === '-')
    throw validationError(`${name} cannot be "-" over MCP (stdin is the protocol): pass the text itself or a file path`)
  return result
}
