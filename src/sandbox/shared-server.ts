/**
 * The long-lived sandbox behind `--sandbox` (docs: README "The sandbox"): started detached by the
 * first command that needs it (src/api/shared-sandbox.ts), it serves one PIXVERSE_HOME's sandbox
 * folder on a free loopback port until no request came for its idle time, or it gets SIGTERM.
 *
 * Run as `node shared-server.js` with PIXVERSE_SHARED_SANDBOX set to its settings (JSON): it prints
 * one line `{"port":…,"pid":…}` on stdout once it listens, and nothing else ever (its starter has
 * closed that pipe by then).
 */
import fs from 'node:fs'
import {startSandbox} from './index.js'

interface SharedSettings {
  dataDir: string
  secret: string
  idleSeconds: number
  /** The starter's record of this process; removed on the way out if it still names this pid. */
  recordFile: string
  taskSeconds?: number
}

function readSettings(): SharedSettings {
  const text = process.env.PIXVERSE_SHARED_SANDBOX
  delete process.env.PIXVERSE_SHARED_SANDBOX // the secret is not for anything this process starts
  const value = JSON.parse(text ?? 'null') as Partial<SharedSettings> | null
  if (!value || typeof value.dataDir !== 'string' || typeof value.secret !== 'string' || !value.recordFile)
    throw new Error('PIXVERSE_SHARED_SANDBOX must give dataDir, secret and recordFile')
  return {idleSeconds: 900, ...value} as SharedSettings
}

function forgetRecord(recordFile: string): void {
  try {
    const record = JSON.parse(fs.readFileSync(recordFile, 'utf8')) as {pid?: unknown}
    if (record.pid === process.pid) fs.rmSync(recordFile, {force: true})
  } catch {
    // no record, or one another starter is writing: not ours to touch
  }
}

async function main(): Promise<void> {
  const settings = readSettings()
  let lastRequest = Date.now()
  const sandbox = await startSandbox({
    dataDir: settings.dataDir,
    autoApprove: true,
    secret: settings.secret,
    onRequest: () => {
      lastRequest = Date.now()
    },
    ...(settings.taskSeconds && settings.taskSeconds > 0 ? {taskSeconds: settings.taskSeconds} : {}),
  })

  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    clearInterval(idleTimer)
    forgetRecord(settings.recordFile)
    await sandbox.close()
    process.exit(0)
  }

  const idleMs = Math.max(1, settings.idleSeconds) * 1000
  const idleTimer = setInterval(
    () => {
      if (Date.now() - lastRequest >= idleMs) void stop()
    },
    Math.min(idleMs / 4, 15_000),
  )
  process.once('SIGTERM', () => void stop())
  process.once('SIGINT', () => void stop())

  const port = Number(new URL(sandbox.origin).port)
  process.stdout.write(JSON.stringify({port, pid: process.pid}) + '\n')
  // The starter reads the line and goes: a later write would only meet a closed pipe.
  process.stdout.on('error', () => undefined)
}

main().catch((error: unknown) => {
  process.stderr.write(`shared sandbox: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
