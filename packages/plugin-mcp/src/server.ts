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
import {mkdirSync, renameSync, writeFileSync} from 'node:fs'
import {createServer} from 'node:http'
import {join} from 'node:path'

import {type CommandContext, type TaskSnapshot, pixverseHome, runInProcess, statusLabel, toCliError} from './core.js'
import {allowedHosts, checkRequest, generateToken} from './http-guard.js'
import {type Tool, buildTools} from './tools.js'

export interface ServeContext {
  config: Config
  /**
   * The `mcp serve` command's own context: every tool call runs its command with a context made
   * from it (`inProcess`): the same endpoint, session, settings, file rules and API client.
   */
  host: CommandContext
  /** Diagnostics: stderr only (stdout is the protocol in stdio mode). */
  log(message: string): void
}

export async function serve(
  context: ServeContext,
  options: {http: boolean; port: number; token?: string},
): Promise<void> {
  const tools = await buildTools(context.config)
  const build = () => buildServer(context, tools)
  if (options.http) return serveHttp(build, options.port, options.token, context)
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
      extra
        .sendNotification({
          method: 'notifications/progress',
          params: {progressToken: token, progress: ++polls, message},
        })
        .catch(() => {})
    }

    try {
      const argv = tool.argv(request.params.arguments ?? {})
      const call = context.host.inProcess({signal: extra.signal, onUpdate})
      const {result, exitCode} = await runInProcess(await tool.load(), argv, context.config, call)
      const structured =
        result && typeof result === 'object' && !Array.isArray(result)
          ? {structuredContent: result as Record<string, unknown>}
          : {}
      return {
        content: [{type: 'text', text: JSON.stringify(result ?? null, null, 2)}],
        ...structured,
        ...(exitCode === 0 ? {} : {isError: true}),
      }
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

/**
 * Streamable HTTP on loopback only, stateless: one server and transport per request. Every request
 * passes the Host, Origin and bearer-token checks (http-guard.ts) before anything else happens.
 */
async function serveHttp(
  build: () => Server,
  port: number,
  givenToken: string | undefined,
  context: ServeContext,
): Promise<void> {
  const {StreamableHTTPServerTransport} = await import('@modelcontextprotocol/sdk/server/streamableHttp.js')
  const token = givenToken?.trim() || generateToken()
  let listening = port
  const http = createServer(async (req, res) => {
    const refusal = checkRequest(req, listening, token)
    if (refusal) {
      context.log(`MCP request refused: ${refusal.message}`)
      const headers = {
        'content-type': 'application/json',
        ...(refusal.status === 401 ? {'www-authenticate': 'Bearer'} : {}),
      }
      res
        .writeHead(refusal.status, headers)
        .end(JSON.stringify({jsonrpc: '2.0', error: {code: -32_000, message: refusal.message}, id: null}))
      return
    }

    if (req.url?.split('?')[0] !== '/mcp') {
      res.writeHead(404).end()
      return
    }

    if (req.method !== 'POST') {
      res.writeHead(405, {allow: 'POST'}).end()
      return
    }

    const server = build()
    // The SDK's own DNS-rebinding check as a second lock on the same door.
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: false,
      enableDnsRebindingProtection: true,
      allowedHosts: allowedHosts(listening),
    })
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
  listening = typeof address === 'object' && address ? address.port : port
  if (!givenToken?.trim()) {
    const file = saveToken(token)
    context.log(
      `MCP bearer token (clients send "Authorization: Bearer <token>"; saved to ${file}, mode 0600): ${token}`,
    )
  }

  context.log(`pixverse MCP server listening on http://127.0.0.1:${listening}/mcp`)
  await untilClosed(undefined, [])
  await new Promise((resolve) => http.close(resolve))
}

/** The generated token, owner-only, for MCP clients configured from a file: PIXVERSE_HOME/mcp-token. */
function saveToken(token: string): string {
  const home = pixverseHome()
  mkdirSync(home, {recursive: true, mode: 0o700})
  const file = join(home, 'mcp-token')
  const temp = `${file}.${process.pid}.tmp`
  writeFileSync(temp, token + '\n', {mode: 0o600, flag: 'wx'})
  renameSync(temp, file)
  return file
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
