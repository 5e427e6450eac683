import {Client} from '@modelcontextprotocol/sdk/client/index.js'
import {StdioClientTransport} from '@modelcontextprotocol/sdk/client/stdio.js'
import {StreamableHTTPClientTransport} from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import {expect} from 'chai'
import {spawn} from 'node:child_process'
import {setTimeout as sleep} from 'node:timers/promises'

import {aspectRatiosFor, modelsFor, qualitiesFor} from '../../src/catalog/index.js'
import {creations} from '../../src/creations/index.js'
import {BIN, LOOPBACK_GUARD} from '../helpers/cli.js'
import {isolatedOclifDirs} from '../helpers/oclif-dirs.js'
import {useSandbox} from '../helpers/sandbox.js'

type Schema = {type?: string; enum?: string[]; items?: Schema; properties?: Record<string, Schema>}
type ToolResult = {
  isError?: boolean
  structuredContent?: Record<string, unknown>
  content: Array<{type: string; text?: string}>
}

describe('pixverse mcp serve', function () {
  this.timeout(60_000)
  const ctx = useSandbox()
  let client: Client
  let stderr = ''
  let env: Record<string, string>

  before(async function () {
    env = {
      ...ctx.sandbox.netEnv,
      PATH: process.env.PATH!,
      HOME: process.env.HOME!,
      PIXVERSE_HOME: ctx.cli.home,
      ...ctx.sandbox.clientEnv,
      ...isolatedOclifDirs(),
    }
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: ['--import', LOOPBACK_GUARD, BIN, 'mcp', 'serve'],
      env,
      stderr: 'pipe',
    })
    transport.stderr?.on('data', (chunk) => (stderr += chunk))
    client = new Client({name: 'pixverse-test', version: '1.0.0'})
    await client.connect(transport)
  })

  after(async function () {
    await client?.close()
  })

  it('lists a tool per creation mode and per library/account command', async function () {
    const names = (await client.listTools()).tools.map((tool) => tool.name)
    const expected = [
      ...Object.keys(creations).map((name) => `create_${name.replaceAll('-', '_')}`),
      ...[
        'task_status',
        'task_wait',
        'asset_list',
        'asset_info',
        'asset_download',
        'account_info',
        'account_slots',
        'template_search',
        'template_info',
      ],
      ...['pipeline_run', 'pipeline_status', 'pipeline_list', 'pipeline_show'],
    ]
    expect(names).to.have.members(expected)
  })

  it('generates input schemas from the same catalogue and flags as the CLI', async function () {
    const tools = new Map((await client.listTools()).tools.map((tool) => [tool.name, tool.inputSchema as Schema]))
    const video = tools.get('create_video')!.properties!
    expect(video.model.enum).to.deep.equal(modelsFor('video'))
    expect(video.quality.enum).to.deep.equal(qualitiesFor('video'))
    expect(video['aspect-ratio'].enum).to.deep.equal(aspectRatiosFor('video'))
    expect(video.count.type).to.equal('integer')
    expect(video.duration.type).to.equal('integer')
    expect(video.audio.type).to.equal('boolean')
    expect(video).to.not.have.property('json')
    expect(video).to.not.have.property('sandbox')
    expect(video).to.not.have.property('asset-image') // hidden flags stay hidden
    expect(tools.get('create_image')!.properties!.model.enum).to.include.members(modelsFor('image'))
    expect(tools.get('task_status')!.properties!.type.enum).to.deep.equal(['video', 'image', 'audio'])
    // Required inputs come from each mode's definition.
    const required = (name: string) => (tools.get(name) as {required?: string[]}).required
    expect(required('create_video')).to.deep.equal(['prompt'])
    expect(required('create_motion_control')).to.deep.equal(['image', 'video'])
    expect(required('create_transition')).to.deep.equal(['images'])
  })

  it('creates a video against the sandbox and returns the object `create video --json` prints', async function () {
    const result = (await client.callTool({
      name: 'create_video',
      arguments: {prompt: 'a cat surfing', quality: '540p'},
    })) as ToolResult
    expect(result.isError, JSON.stringify(result)).to.not.equal(true)
    const created = result.structuredContent!
    expect(created.status).to.equal('completed')
    expect(created.video_id).to.be.a('number')
    expect(JSON.parse(result.content[0].text!)).to.deep.equal(created)

    const viaCli = (
      await ctx.cli(['create', 'video', '--prompt', 'a cat surfing', '--quality', '540p', '--json'])
    ).json()
    expect(Object.keys(created).sort()).to.deep.equal(Object.keys(viaCli).sort())

    const status = (await client.callTool({
      name: 'task_status',
      arguments: {ids: String(created.video_id)},
    })) as ToolResult
    expect(status.isError).to.not.equal(true)
    expect(JSON.stringify(status.structuredContent)).to.include(String(created.video_id))
  })

  it('refuses a bad model with the CLI error object and sends no request', async function () {
    await ctx.sandbox.clearRequests()
    const result = (await client.callTool({
      name: 'create_video',
      arguments: {prompt: 'a cat', model: 'not-a-model'},
    })) as ToolResult
    expect(result.isError).to.equal(true)
    expect(result.structuredContent).to.include({exit_code: 6})
    expect(String(result.structuredContent!.error)).to.include('not-a-model')
    expect(await ctx.sandbox.requests()).to.deep.equal([])
  })

  it('refuses stdin ("-") as a text input and unknown arguments', async function () {
    await ctx.sandbox.clearRequests()
    const dash = (await client.callTool({name: 'create_video', arguments: {prompt: '-'}})) as ToolResult
    expect(dash.isError).to.equal(true)
    expect(dash.structuredContent).to.include({exit_code: 6})
    const unknown = (await client.callTool({
      name: 'create_video',
      arguments: {prompt: 'x', colour: 'red'},
    })) as ToolResult
    expect(unknown.structuredContent).to.include({exit_code: 6})
    expect(await ctx.sandbox.requests()).to.deep.equal([])
  })

  it('refuses an empty media input or idempotency key (not a paid creation without it)', async function () {
    await ctx.sandbox.clearRequests()
    for (const extra of [{image: ''}, {'idempotency-key': ''}]) {
      const result = (await client.callTool({name: 'create_video', arguments: {prompt: 'x', ...extra}})) as ToolResult
      expect(result.isError, JSON.stringify(extra)).to.equal(true)
      expect(result.structuredContent).to.include({exit_code: 6})
      expect(String(result.structuredContent!.error)).to.include(`--${Object.keys(extra)[0]}`)
    }

    expect(await ctx.sandbox.requests()).to.deep.equal([])
  })

  it('reports progress while it polls when the client sent a progress token', async function () {
    const updates: Array<{progress: number; message?: string}> = []
    const result = (await client.callTool(
      {name: 'create_video', arguments: {prompt: 'slow [sandbox:seconds=3]'}},
      undefined,
      {
        onprogress: (progress) => updates.push(progress),
        resetTimeoutOnProgress: true,
      },
    )) as ToolResult
    expect(result.isError, JSON.stringify(result)).to.not.equal(true)
    expect(updates.length).to.be.greaterThan(0)
    for (const update of updates)
      expect(update.message).to.match(
        new RegExp(`^video ${result.structuredContent!.video_id}: (In queue|Generating|Completed)$`),
      )
    expect(updates.map((u) => u.progress)).to.deep.equal([...updates.map((u) => u.progress)].sort((a, b) => a - b))
  })

  it('stops polling when the client cancels task_wait, and the task keeps running', async function () {
    const {video_id: id} = (
      await ctx.cli(['create', 'video', '--prompt', 'long [sandbox:seconds=60]', '--no-wait', '--json'])
    ).json()
    const polls = async () =>
      (await ctx.sandbox.requests()).filter(
        (r) => r.path.endsWith('video/list/detail') && (r.body as {video_id?: number})?.video_id === id,
      ).length
    const controller = new AbortController()
    const call = client
      .callTool({name: 'task_wait', arguments: {id: String(id)}}, undefined, {signal: controller.signal})
      .catch(() => undefined)
    // Cancel once the server's wait has really started polling (seen in the sandbox's request log).
    while ((await polls()) === 0) await sleep(100)
    controller.abort()
    await call
    await sleep(500) // let the cancellation notice reach the server and a poll already in flight land
    const atCancel = await polls()
    await sleep(4500) // two more intervals of the schedule: a wait still running would have looked again
    expect(await polls()).to.equal(atCancel)
    expect(stderr).to.not.include('Unhandled')

    // The server is still serving, and the task was left alone.
    const status = (await client.callTool({name: 'task_status', arguments: {ids: String(id)}})) as ToolResult
    expect(status.isError, JSON.stringify(status)).to.not.equal(true)
    expect(JSON.stringify(status.structuredContent)).to.match(/In queue|Generating/)
  })

  it('keeps stdout for protocol messages only (logs on stderr)', function () {
    expect(stderr).to.include('pixverse MCP server ready on stdio')
  })

  it('serves streamable HTTP on 127.0.0.1 with --http', async function () {
    const token = 'a-test-bearer-token'
    const child = spawn(process.execPath, ['--import', LOOPBACK_GUARD, BIN, 'mcp', 'serve', '--http', '--port', '0'], {
      env: {...env, PIXVERSE_MCP_TOKEN: token},
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let text = ''
        child.stderr.on('data', (chunk) => {
          text += chunk
          const match = /listening on (http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(text)
          if (match) resolve(match[1])
        })
        child.on('exit', (code) => reject(new Error(`mcp serve exited ${code}: ${text}`)))
      })
      const http = new Client({name: 'pixverse-http-test', version: '1.0.0'})
      await http.connect(
        new StreamableHTTPClientTransport(new URL(url), {requestInit: {headers: {authorization: `Bearer ${token}`}}}),
      )
      const names = (await http.listTools()).tools.map((tool) => tool.name)
      expect(names).to.include('create_video')
      const slots = (await http.callTool({name: 'account_slots', arguments: {}})) as ToolResult
      expect(slots.isError, JSON.stringify(slots)).to.not.equal(true)
      expect(slots.structuredContent).to.have.property('video')
      await http.close()
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
    }
  })
})
