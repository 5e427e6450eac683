/**
 * The MCP server behind `pixverse mcp serve` (loaded only by that command: the SDK never loads on
 * other commands). Each tool call runs the matching CLI command in-process through its own parser,
 * so results are the objects `--json` prints and errors carry the same codes and hints.
 */
import type {Config} from '@oclif/core'
import {Server} from '@modelcontextprotocol/sdk/server/index.js'
import {StdioServerTransport} from '@modelcontextprotocol/sdk/server/stdio.js'
import {CallToolRequestSchema, type CallToolResult, ListToolsRequestSchema} from '@modelcontextprotocol/sdk/types.js'
import type {Transport} from '@modelcontextprotocol/sdk/shared/transport.js'
import {createServer} from 'node:http'

import {type InProcessOptions, type InProcessResult, type TaskSnapshot, statusLabel, toCliError} from './core.js'
import {type Tool, buildTools} from './tools.js'

export interface ServeContext {
  config: Config
  /** Runs a command class with an argv in the `mcp serve` command's session. */
  run(tool: Tool, argv: string[], options: InProcessOptions): Promise<InProcessResult>
  /** Diagnostics: stderr only (stdout is the protocol in stdio mode). */
  log(message: string): void
}

export async function serve(context: ServeContext, options: {http: boolean; port: number}): Promise<void> {
  const tools = await buildTools(context.config)
  const build = () => buildServer(context, tools)
  if (options.http) return serveHttp(build, options.port, context)
  const server = build()
  const transport = new StdioServerTransport()
  await server.connect(transport)
  context.log(`pixverse MCP server ready on stdio (${tools.length} tools)`)
  await untilClosed(transport, [() => new Promise((resolve) => process.stdin.once('end', resolve))])
  await server.close()
}

function buildServer(context: ServeContext, tools: Tool[]): Server {
  const server = new Server({name: 'pixverse', version: context.config.version}, {capabilities: {tools: {}}})
  const byName = new Map(tools.map((tool) => [tool.name, tool]))
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: tools.map(({name, description, inputSchema}) => ({name, description, inputSchema})),
  }))
  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const tool = byName.get(request.params.name)
    if (!tool) return failure(toCliError(new Error(`Unknown tool ${request.params.name}`)).toJSON())
    const token = request.params._meta?.progressToken
    let polls = 0
    const onUpdate = (snapshot: TaskSnapshot) => {
      if (token === undefined) return
      const message = `${snapshot.kind} ${snapshot.id}: ${statusLabel(snapshot.statusCode)}`
      extra.sendNotification({method: 'notifications/progress', params: {progressToken: token, progress: ++polls, message}}).catch(() => {})
    }

    try {
      const argv = tool.argv(request.params.arguments ?? {})
      const {result, exitCode} = await context.run(tool, argv, {signal: extra.signal, onUpdate})
      const structured = result && typeof result === 'object' && !Array.isArray(result) ? {structuredContent: result as Record<string, unknown>} : {}
      return {content: [{type: 'text', text: JSON.stringify(result ?? null, null, 2)}], ...structured, ...(exitCode === 0 ? {} : {isError: true})}
    } catch (error) {
      return failure(toCliError(error).toJSON())
    }
  })
  return server
}

/** Tool errors are results with `isError`: the agent reads the CLI's error object (code, exit_code, hint, ids). */
function failure(error: Record<string, unknown>): CallToolResult {
  return {content: [{type: 'text', text: JSON.stringify(error, null, 2)}], structuredContent: error, isError: true}
}

/** Streamable HTTP on loopback only, stateless: one server and transport per request. */
async function serveHttp(build: () => Server, port: number, context: ServeContext): Promise<void> {
  const {StreamableHTTPServerTransport} = await import('@modelcontextprotocol/sdk/server/streamableHttp.js')
  const http = createServer(async (req, res) => {
    if (req.url?.split('?')[0] !== '/mcp') {
      res.writeHead(404).end()
      return
    }

    if (req.method !== 'POST') {
      res.writeHead(405, {allow: 'POST'}).end()
      return
    }

    const server = build()
    const transport = new StreamableHTTPServerTransport({sessionIdGenerator: undefined, enableJsonResponse: false})
    res.on('close', () => {
      transport.close().catch(() => {})
      server.close().catch(() => {})
    })
    try {
      await server.connect(transport)
      await transport.handleRequest(req, res)
    } catch (error) {
      context.log(`MCP request failed: ${(error as Error).message}`)
      if (!res.headersSent) res.writeHead(500).end()
    }
  })
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject)
    http.listen(port, '127.0.0.1', () => resolve())
  })
  const address = http.address()
  const actual = typeof address === 'object' && address ? address.port : port
  context.log(`pixverse MCP server listening on http://127.0.0.1:${actual}/mcp`)
  await untilClosed(undefined, [])
  await new Promise((resolve) => http.close(resolve))
}

/** Serves until the client goes away or the process is asked to stop (SIGINT/SIGTERM). */
async function untilClosed(transport: Transport | undefined, more: Array<() => Promise<unknown>>): Promise<void> {
  await Promise.race([
    ...(transport ? [new Promise<void>((resolve) => (transport.onclose = resolve))] : []),
    ...more.map((wait) => wait()),
    new Promise((resolve) => process.once('SIGINT', resolve)),
    new Promise((resolve) => process.once('SIGTERM', resolve)),
  ])
}
