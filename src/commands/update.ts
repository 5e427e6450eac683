import {CliError, ExitCode} from '../errors.js'
import {BaseCommand} from '../base/base-command.js'
import type {OutputStream} from '../context/streams.js'
import {installKind} from '../util/install-kind.js'

const DEFAULT_COMMAND = 'npm install -g pixverse@latest'
/** Keep the tail of the package manager's stderr in the error: enough to see why, never unbounded. */
const STDERR_TAIL = 4000

export default class Update extends BaseCommand<typeof Update> {
  static description = `Update pixverse to the latest version with the package manager (\`${DEFAULT_COMMAND}\`).

A git checkout or a copy not installed by npm is not touched: the command says how to update it instead (exit 1). The package manager's output goes to stderr. PIXVERSE_UPDATE_COMMAND replaces the command that is run (e.g. for pnpm, yarn or a private registry; tests use it so npm never runs for real).`

  static examples = [
    '<%= config.bin %> update',
    '<%= config.bin %> update --json',
    'PIXVERSE_UPDATE_COMMAND="pnpm add -g pixverse@latest" <%= config.bin %> update',
  ]

  async run(): Promise<{success: true; from: string; command: string}> {
    const override = this.ctx.env.PIXVERSE_UPDATE_COMMAND?.trim()
    if (!override) this.checkInstalledByNpm()
    const command = override || DEFAULT_COMMAND
    this.out.info(`Running ${command}…`)
    const {code, stderr} = await runCommand(command, this.out.json ? undefined : this.ctx.streams.stderr)
    if (code !== 0) {
      throw new CliError(`Update failed: \`${command}\` exited with ${code}`, {
        exitCode: ExitCode.General,
        details: {success: false, npm_exit_code: code, stderr: stderr.slice(-STDERR_TAIL)},
        hint: failureHint(stderr),
      })
    }

    return {success: true, from: this.config.version, command}
  }

  /** npm can only update what npm installed: a checkout or a hand-copied folder gets its own instructions. */
  private checkInstalledByNpm(): void {
    const root = this.config.root
    const kind = installKind(root)
    if (kind === 'npm') return
    const how =
      kind === 'git'
        ? `Update it with \`git -C ${root} pull && npm --prefix ${root} ci\`.`
        : 'Update it the way it was installed, or install the npm package: `npm install -g pixverse@latest`.'
    throw new CliError(
      `This pixverse runs from ${kind === 'git' ? 'a git checkout' : 'a folder npm did not install'} (${root}); nothing was changed.`,
      {
        exitCode: ExitCode.General,
        hint: `${how} PIXVERSE_UPDATE_COMMAND runs another command instead.`,
      },
    )
  }

  protected renderHuman(result: unknown): string {
    const r = result as {from: string; command: string}
    return `Updated pixverse (was ${r.from}) with \`${r.command}\``
  }
}

/** The next step for the usual failures: permissions, or a package the registry does not have. */
function failureHint(stderr: string): string {
  if (/EACCES|EPERM|permission denied/i.test(stderr))
    return "The global folder needs other permissions: fix npm's prefix (npm config get prefix) or use a Node version manager."
  if (/E404|404 Not Found/i.test(stderr))
    return 'The registry has no such package: update pixverse from where you installed it, or set PIXVERSE_UPDATE_COMMAND.'
  return 'Run the command yourself to see its full output.'
}

/** Runs the command through the shell; its stdout and stderr both go to `echo`, our stderr (stdout is the result's). */
async function runCommand(command: string, echo: OutputStream | undefined): Promise<{code: number; stderr: string}> {
  const {spawn} = await import('node:child_process')
  return new Promise((resolve) => {
    const child = spawn(command, {shell: true, stdio: ['ignore', 'pipe', 'pipe']})
    let stderr = ''
    // Decoded as text by the streams themselves, so a character split across two chunks stays whole.
    child.stdout.setEncoding('utf8')
    child.stderr.setEncoding('utf8')
    const forward = (chunk: string) => echo?.write(chunk)
    child.stdout.on('data', forward)
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk
      forward(chunk)
    })
    child.on('error', (error) => resolve({code: 127, stderr: stderr + error.message}))
    child.on('close', (code, signal) => resolve({code: code ?? (signal ? 128 : 1), stderr}))
  })
}
