/**
 * JSON Schemas for MCP tools, generated from the same oclif flag and argument definitions the CLI
 * parses (whose choices come from the model catalogue), so a tool advertises what the CLI accepts.
 * The call itself still goes through the command's own parser: the schema is a guide, not the gate.
 */
export interface FlagDefinition {
  type: 'boolean' | 'option'
  description?: string
  options?: readonly string[]
  multiple?: boolean
  required?: boolean
  hidden?: boolean
  allowNo?: boolean
  default?: unknown
  parse?: (input: string, context: unknown, options: unknown) => Promise<unknown>
}

export interface ArgDefinition {
  description?: string
  required?: boolean
  options?: readonly string[]
}

export interface JsonSchema {
  type?: string
  description?: string
  enum?: readonly string[]
  items?: JsonSchema
  default?: unknown
  properties?: Record<string, JsonSchema>
  required?: string[]
  additionalProperties?: boolean
}

/** Integer flags use a parse function (oclif's or ours) that turns text into a number: ask it. */
async function parsesToNumber(flag: FlagDefinition): Promise<boolean> {
  if (flag.type !== 'option' || !flag.parse || flag.options) return false
  for (const probe of ['1', '2', '5', '10', '300']) {
    try {
      if (typeof (await flag.parse(probe, {}, flag)) === 'number') return true
    } catch {
      // out of this flag's range: try the next probe
    }
  }

  return false
}

export async function flagSchema(flag: FlagDefinition): Promise<JsonSchema> {
  let value: JsonSchema
  if (flag.type === 'boolean') value = {type: 'boolean'}
  else if (flag.options) value = {type: 'string', enum: [...flag.options]}
  else value = {type: (await parsesToNumber(flag)) ? 'integer' : 'string'}
  const schema: JsonSchema = flag.multiple ? {type: 'array', items: value} : value
  if (flag.description) schema.description = flag.description
  if (flag.default !== undefined && typeof flag.default !== 'function') schema.default = flag.default
  return schema
}

export function argSchema(arg: ArgDefinition): JsonSchema {
  return {
    type: 'string',
    ...(arg.options ? {enum: [...arg.options]} : {}),
    ...(arg.description ? {description: arg.description} : {}),
  }
}
