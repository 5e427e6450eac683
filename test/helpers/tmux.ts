import {execFileSync} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {BIN, LOOPBACK_GUARD, ROOT} from './cli.js'

/**
 * A real pseudo-terminal for interactive tests: the CLI runs inside a detached tmux session (its own
 * server socket, so parallel suites never meet), keys are sent the way a person types them, and the
 * screen is read back with `capture-pane`. The exit code lands in a file when the command ends.
 */
export class Terminal {
  private constructor(
    private readonly socket: string,
    readonly name: string,
    private readonly exitFile: string,
  ) {}

  /**
   * Starts `pixverse <args>` at a 120x40 terminal. `env` is the whole environment (CI is never set);
   * `shellSuffix` may redirect streams, e.g. `> out.txt` to keep stdout away from the screen.
   */
  static start(
    args: string[],
    env: Record<string, string>,
    options: {shellSuffix?: string; command?: string[]; columns?: number; rows?: number} = {},
  ): Terminal {
    const dir = mkdtempSync(join(tmpdir(), 'pixverse-tty-'))
    const socket = `pixverse-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`
    const exitFile = join(dir, 'exit-code')
    const vars = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      TERM: 'xterm-256color',
      LANG: 'C.UTF-8',
      ...env,
    }
    // The loopback guard as for every other CLI a test starts: nothing reaches a real host.
    const command = options.command ?? [process.execPath, '--import', LOOPBACK_GUARD, BIN, ...args]
    // The shell ignores Ctrl-C (the CLI still gets it) so the session lives on to report the exit code.
    const line = [
      'trap : INT;',
      'env -i',
      ...Object.entries(vars).map(([key, value]) => quote(`${key}=${value}`)),
      ...command.map(quote),
      options.shellSuffix ?? '',
      `; echo $? > ${quote(exitFile)}; sleep 120`,
    ].join(' ')
    execFileSync('tmux', [
      '-L',
      socket,
      'new-session',
      '-d',
      '-s',
      'cli',
      '-x',
      String(options.columns ?? 120),
      '-y',
      String(options.rows ?? 40),
      '-c',
      ROOT,
      line,
    ])
    return new Terminal(socket, 'cli', exitFile)
  }

  /** The visible screen, trailing blank lines removed. */
  screen(): string {
    const text = execFileSync('tmux', ['-L', this.socket, 'capture-pane', '-p', '-J', '-t', this.name], {
      encoding: 'utf8',
    })
    return text.replace(/\s+$/, '') + '\n'
  }

  /** The screen with its colour escape sequences kept (capture-pane -e). */
  rawScreen(): string {
    return execFileSync('tmux', ['-L', this.socket, 'capture-pane', '-p', '-e', '-J', '-t', this.name], {
      encoding: 'utf8',
    })
  }

  /** Types literal text (no key names interpreted). */
  type(text: string): void {
    execFileSync('tmux', ['-L', this.socket, 'send-keys', '-t', this.name, '-l', text])
  }

  /** Sends named keys: Enter, Down, C-c, BSpace… */
  keys(...keys: string[]): void {
    execFileSync('tmux', ['-L', this.socket, 'send-keys', '-t', this.name, ...keys])
  }

  /** Waits until the screen matches, and returns it; fails with the screen when it never does. */
  async waitFor(pattern: RegExp | string, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const screen = this.screen()
      if (typeof pattern === 'string' ? screen.includes(pattern) : pattern.test(screen)) return screen
      if (Date.now() > deadline) throw new Error(`screen never showed ${String(pattern)}:\n${screen}`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }

  /** Waits for the command to end and returns its exit code. */
  async exitCode(timeoutMs = 30_000): Promise<number> {
    const deadline = Date.now() + timeoutMs
    while (!existsSync(this.exitFile) || readFileSync(this.exitFile, 'utf8').trim() === '') {
      if (Date.now() > deadline) throw new Error(`command did not end:\n${this.screen()}`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }

    return Number(readFileSync(this.exitFile, 'utf8').trim())
  }

  kill(): void {
    try {
      execFileSync('tmux', ['-L', this.socket, 'kill-server'], {stdio: 'ignore'})
    } catch {
      // already gone
    }
  }
}

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`
}
