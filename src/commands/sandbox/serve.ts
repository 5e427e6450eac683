import * as Flags from '@oclif/core/flags'
import {readFileSync} from 'node:fs'

import {defaultSandboxDir} from '../../sandbox/defaults.js'
import {BaseCommand} from '../../base/base-command.js'
import {pixverseHome} from '../../config/paths.js'

export default class SandboxServe extends BaseCommand<typeof SandboxServe> {
  static description = `Run the local PixVerse-compatible backend in the foreground.

Point any client at it with PIXVERSE_API_BASE=<url> and PIXVERSE_UPLOAD_BASE=<origin> (where uploads go instead of the OSS host). State (account, tasks, uploads) lives in --data-dir, so separate processes share it. Stop with Ctrl-C.`

  static examples = [
    '<%= config.bin %> sandbox serve --port 0 --json',
    'PIXVERSE_API_BASE=http://127.0.0.1:8787/creative_platform PIXVERSE_UPLOAD_BASE=http://127.0.0.1:8787 <%= config.bin %> auth login',
  ]

  static flags = {
    port: Flags.integer({
      description: 'TCP port on 127.0.0.1 (0 = any free port).',
      default: 8787,
      min: 0,
      max: 65_535,
    }),
    'data-dir': Flags.string({description: 'Folder for the sandbox state. [default: $PIXVERSE_HOME/sandbox]'}),
    'task-seconds': Flags.string({description: 'How long a task takes from submit to done, in seconds.', default: '8'}),
    credits: Flags.integer({description: 'Credits of a fresh sandbox account.', min: 0}),
    slots: Flags.integer({description: 'Concurrent generation slots per kind.', min: 1}),
    'auto-approve': Flags.boolean({description: 'Approve device logins without the browser page.'}),
    'tls-cert': Flags.string({
      description:
        'Also serve https on loopback with this PEM certificate, for the production host names (app-api.pixverse.ai, the OSS bucket, the media CDN).',
      dependsOn: ['tls-key'],
    }),
    'tls-key': Flags.string({description: 'The PEM private key of --tls-cert.', dependsOn: ['tls-cert']}),
    'tls-port': Flags.integer({
      description: 'Loopback port of the https listener (0 = any free port).',
      default: 0,
      min: 0,
      max: 65_535,
    }),
    faults: Flags.string({
      description:
        'Fault rules to inject, as JSON ({"rules":[{"endpoint":"*","kind":"http-503","probability":0.2}],"seed":1}) or a path to a JSON file. [env: PIXVERSE_SANDBOX_FAULTS]',
    }),
  }

  async run(): Promise<undefined> {
    const taskSeconds = Number(this.flags['task-seconds'])
    if (!Number.isFinite(taskSeconds) || taskSeconds <= 0) {
      const {validationError} = await import('../../errors.js')
      throw validationError(`Invalid --task-seconds value: "${this.flags['task-seconds']}" (must be a positive number)`)
    }

    const {startSandbox} = await import('../../sandbox/index.js')
    const faultOption = this.flags.faults ?? this.ctx.env.PIXVERSE_SANDBOX_FAULTS
    let faults: unknown
    if (faultOption) {
      const {parseFaultConfig, readFaultOption} = await import('../../sandbox/faults.js')
      const {validationError} = await import('../../errors.js')
      try {
        faults = readFaultOption(faultOption)
        parseFaultConfig(faults)
      } catch (error) {
        // A bad rule, bad JSON or an unreadable file: the reason is the error's own message.
        throw validationError(`Invalid --faults value: ${(error as Error).message}`)
      }
    }

    const sandbox = await startSandbox({
      port: this.flags.port,
      dataDir: this.flags['data-dir'] ?? defaultSandboxDir(pixverseHome()),
      taskSeconds,
      credits: this.flags.credits,
      slots: this.flags.slots,
      autoApprove: this.flags['auto-approve'],
      faults,
      ...(this.flags['tls-cert'] && this.flags['tls-key']
        ? {
            tls: {
              cert: readFileSync(this.flags['tls-cert'], 'utf8'),
              key: readFileSync(this.flags['tls-key'], 'utf8'),
              port: this.flags['tls-port'],
            },
          }
        : {}),
    })
    // The URL is printed as soon as the server listens, so a script can read it and go on.
    this.out.result(
      {
        url: sandbox.baseUrl,
        origin: sandbox.origin,
        ...(sandbox.tlsPort === undefined ? {} : {tlsPort: sandbox.tlsPort}),
      },
      () => sandbox.baseUrl,
    )
    this.out.info(
      `PixVerse sandbox listening. Use: PIXVERSE_API_BASE=${sandbox.baseUrl} PIXVERSE_UPLOAD_BASE=${sandbox.origin}`,
    )
    await new Promise<void>((resolve) => {
      const stop = () => resolve()
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })
    await sandbox.close()
    return undefined
  }
}
