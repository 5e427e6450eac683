import {AuthedCommand, Flags, mcpPolicy} from '../../core.js'

export default class McpServe extends AuthedCommand<typeof McpServe> {
  static description = `Serve pixverse to AI agents over the Model Context Protocol.

One tool per creation mode (create_video, create_image, … create_sound) and per library/account command (task_status, task_wait, asset_list, asset_info, asset_download, account_info, account_slots, template_search, template_info). Tool inputs are the command's flags (kebab-case), with the CLI's own choices and checks; results are the objects \`--json\` prints, and errors the CLI's error objects (isError). Uses the CLI's login, PIXVERSE_TOKEN or PIXVERSE_ACCESS_KEY; with --sandbox, a local sandbox that lives as long as the server.

Tool calls read no local files (text inputs are taken as text, local media is refused) unless --allow-dir names a folder they may read from, and write nothing unless --output-dir names a folder for downloads (dest and output are taken inside it).

stdio by default (stdout carries only MCP messages; logs go to stderr), or streamable HTTP on 127.0.0.1 with --http: requests must carry the bearer token (Authorization: Bearer <token>; generated at start, printed once on stderr and saved to PIXVERSE_HOME/mcp-token, or set with --token / PIXVERSE_MCP_TOKEN), a Host of the server's own loopback address and port, and no Origin but a loopback one.`

  static examples = [
    '<%= config.bin %> mcp serve',
    '<%= config.bin %> mcp serve --sandbox',
    '<%= config.bin %> mcp serve --allow-dir ./prompts --output-dir ./renders',
    'PIXVERSE_MCP_TOKEN=… <%= config.bin %> mcp serve --http --port 8765',
  ]

  static flags = {
    http: Flags.boolean({description: 'Serve streamable HTTP on 127.0.0.1 instead of stdio.'}),
    port: Flags.integer({
      description: 'Port for --http (0 picks a free one; the address is printed on stderr).',
      default: 8765,
      min: 0,
      max: 65_535,
    }),
    token: Flags.string({
      description:
        'Bearer token HTTP clients must send (prefer the environment variable: a flag is visible to other local users). [default: generated at start]',
      env: 'PIXVERSE_MCP_TOKEN',
    }),
    'allow-dir': Flags.string({
      description: 'Folder tool calls may read text and media files from (nothing is read otherwise).',
    }),
    'output-dir': Flags.string({description: 'Folder tool calls may download into (nothing is written otherwise).'}),
  }

  async run(): Promise<undefined> {
    if (!this.credential())
      this.out.warn(
        'Not logged in: tools will fail with exit_code 3 until you run `pixverse auth login` (or set PIXVERSE_TOKEN).',
      )
    // Tool calls come from an agent, not from the person who started the server: its folders only.
    this.files = mcpPolicy({readDir: this.flags['allow-dir'], writeDir: this.flags['output-dir']})
    const {serve} = await import('../../server.js')
    await serve(
      {config: this.config, host: this.ctx, log: (message) => this.out.notice(message)},
      {http: this.flags.http, port: this.flags.port, token: this.flags.token},
    )
    return undefined
  }
}
