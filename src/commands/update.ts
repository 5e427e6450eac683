import {CliError, ExitCode} from '../errors.js'
import {BaseCommand} from '../base/base-command.js'

const DEFAULT_COMMAND = 'npm install -g pixverse@latest'
/** Keep the tail of the package manager's stderr in the error: enough to see why, never unbounded. */
const STDERR_TAIL = 4000

export default class Update extends BaseCommand<typeof Update> {
  static description = `Update pixverse to the latest version with the package manager (\`${DEFAULT_COMMAND}\`).

The package manager's output goes to stderr. PIXVERSE_UPDATE_COMMAND replaces the command that is run (e.g. for pnpm, yarn or a private registry; tests use it so npm never runs for real).`

  static examples = ['<%= config.bin %> update', '<%= config.bin %> update --json', 'PIXVERSE_UPDATE_COMMAND="pnpm add -g pixverse@latest" <%= config.bin %> update']

  async run(): Promise<{success: true; from: string; command: string}> {
    const command = process.env.PIXVERSE_UPDATE_COMMAND?.trim() || DEFAULT_COMMAND
    this.out.info(`Running ${command}…`)
    const {code, stderr} = await runCommand(command, !this.out.json)
    if (code !== 0) {
      throw new CliError(`Update failed: \`${command}\` exited with ${code}`, {
        exitCode: ExitCode.General,
        details: {success: false, npm_exit_code: code, stderr: stderr.slice(-STDERR_TAIL)},
        hint: 'A global install may need other permissions; run the command yourself to see the full output.',
      })
    }

    return {success: true, from: this.config.version, command}
  }

  protected renderHuman(result: unknown): string {
    const r = result as {from: string; command: string}
    return `Updated pixverse (was ${r.from}) with \`${r.command}\``
  }
}

/** Runs the command through the shell; its stdout and stderr both go to our stderr (stdout is the result's). */
async function runCommand(command: string, echo: boolean): Promise<{code: number; stderr: string}> {
  const {spawn} = await import('node:child_process')
  return new Promise((resolve) => {
    const child = spawn(command, {shell: true, stdio: ['ignore', 'pipe', 'pipe']})
    let stderr = ''
    const forward = (chunk: Buffer) => {
      if (echo) process.stderr.write(chunk)
    }

    child.stdout.on('data', forward)
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
      forward(chunk)
    })
    child.on('error', (error) => resolve({code: 127, stderr: stderr + error.message}))
    child.on('close', (code, signal) => resolve({code: code ?? (signal ? 128 : 1), stderr}))
  })
}
