import {Client} from '@modelcontextprotocol/sdk/client/index.js'
import {StdioClientTransport} from '@modelcontextprotocol/sdk/client/stdio.js'
import {expect} from 'chai'
import {existsSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {BIN, LOOPBACK_GUARD} from '../helpers/cli.js'
import {isolatedOclifDirs} from '../helpers/oclif-dirs.js'
import {useSandbox} from '../helpers/sandbox.js'
import {expectSchema} from '../helpers/schema.js'

type ToolResult = {isError?: boolean; structuredContent?: Record<string, unknown>}

describe('MCP pipeline_run and pipeline_status', function () {
  this.timeout(120_000)
  const ctx = useSandbox()
  let client: Client
  // The only folder the server may read pipelines from and write runs to (--allow-dir, --output-dir).
  const root = mkdtempSync(join(tmpdir(), 'pixverse-mcp-pipeline-'))

  before(async function () {
    const env = {
      PATH: process.env.PATH!,
      HOME: process.env.HOME!,
      PIXVERSE_HOME: ctx.cli.home,
      ...ctx.sandbox.clientEnv,
      ...isolatedOclifDirs(),
    }
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: ['--import', LOOPBACK_GUARD, BIN, 'mcp', 'serve', '--allow-dir', root, '--output-dir', root],
      env,
      stderr: 'pipe',
    })
    client = new Client({name: 'pixverse-test', version: '1.0.0'})
    await client.connect(transport)
  })

  after(async function () {
    await client?.close()
  })

  it('pipeline_run returns at once with the state file; pipeline_status follows the run to the end', async function () {
    const tools = (await client.listTools()).tools
    const run = tools.find((tool) => tool.name === 'pipeline_run')!
    expect(Object.keys(run.inputSchema.properties ?? {})).to.include.members(['pipeline', 'var', 'out', 'dry-run'])
    expect(Object.keys(run.inputSchema.properties ?? {})).not.to.include.members(['detach', 'open', 'jsonl'])

    const out = join(root, 'out')
    const started = Date.now()
    const result = (await client.callTool({
      name: 'pipeline_run',
      arguments: {pipeline: 'text-image-video', var: ['prompt=a lighthouse'], out},
    })) as ToolResult
    expect(result.isError, JSON.stringify(result.structuredContent)).to.not.equal(true)
    const doc = result.structuredContent!
    expectSchema('pipeline-run', doc)
    expect(doc).to.include({status: 'started', out, state_file: join(out, 'pipeline.state.json')})
    // Two creations of about a second each, plus polling: returning at once means well before they are done.
    expect(Date.now() - started).to.be.lessThan(5_000)
    expect(existsSync(doc.state_file as string)).to.equal(true)

    let status: Record<string, unknown> = {}
    const deadline = Date.now() + 60_000
    for (;;) {
      const answer = (await client.callTool({
        name: 'pipeline_status',
        arguments: {pipeline: 'text-image-video', out},
      })) as ToolResult
      expect(answer.isError, JSON.stringify(answer.structuredContent)).to.not.equal(true)
      status = answer.structuredContent!
      expectSchema('pipeline-status', status)
      if (status.running === false && (status.counts as Record<string, number>).done === 2) break
      if (Date.now() > deadline) throw new Error(`the run did not finish: ${JSON.stringify(status)}`)
      await new Promise((r) => setTimeout(r, 500))
    }

    expect(existsSync(join(out, 'report.html'))).to.equal(true)
  })

  it('pipeline_run refuses a bad pipeline with exit 6 before anything starts', async function () {
    await ctx.sandbox.clearRequests()
    const result = (await client.callTool({
      name: 'pipeline_run',
      arguments: {pipeline: 'storyboard', out: join(root, 'never-created-by-pixverse')},
    })) as ToolResult
    expect(result.isError).to.equal(true)
    expect(result.structuredContent).to.include({exit_code: 6})
    expect(existsSync(join(root, 'never-created-by-pixverse'))).to.equal(false)
    expect(await ctx.sandbox.requests()).to.deep.equal([])
  })

  it('pipeline_run reads pipeline files and writes runs only inside the folders the server was given', async function () {
    await ctx.sandbox.clearRequests()
    const elsewhere = mkdtempSync(join(tmpdir(), 'pixverse-mcp-elsewhere-'))
    const outside = (await client.callTool({
      name: 'pipeline_run',
      arguments: {pipeline: 'text-image-video', var: ['prompt=a lighthouse'], out: join(elsewhere, 'out')},
    })) as ToolResult
    expect(outside.isError).to.equal(true)
    expect(outside.structuredContent).to.include({exit_code: 6})
    expect(String(outside.structuredContent?.error)).to.match(/outside/)
    expect(existsSync(join(elsewhere, 'out'))).to.equal(false)

    const file = join(elsewhere, 'film.json')
    writeFileSync(file, JSON.stringify({name: 'film', steps: [{id: 'shot', mode: 'video', prompt: 'a cat'}]}))
    const unreadable = (await client.callTool({
      name: 'pipeline_run',
      arguments: {pipeline: file, out: join(root, 'film')},
    })) as ToolResult
    expect(unreadable.isError).to.equal(true)
    expect(unreadable.structuredContent).to.include({exit_code: 6})
    expect(String(unreadable.structuredContent?.error)).to.match(/outside/)
    expect(await ctx.sandbox.requests()).to.deep.equal([])
  })
})
