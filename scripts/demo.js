#!/usr/bin/env node
// The main job, end to end: log in, create a video, wait for it, download it, check it is an MP4.
// Runs against the local sandbox unless a PixVerse account is configured (PIXVERSE_TOKEN,
// PIXVERSE_ACCESS_KEY or a stored login), so a newcomer needs no account and spends no credits.
import {spawnSync} from 'node:child_process'
import {existsSync, readFileSync} from 'node:fs'
import {homedir} from 'node:os'
import {dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const bin = join(root, 'bin', 'run.js')
const dest = resolve(process.env.PIXVERSE_DEMO_DEST ?? join(root, 'demo-output'))

function hasAccount() {
  if (process.env.PIXVERSE_DEMO_SANDBOX === '1') return false
  if (process.env.PIXVERSE_TOKEN?.trim() || process.env.PIXVERSE_ACCESS_KEY?.trim()) return true
  const file = join(process.env.PIXVERSE_HOME || join(homedir(), '.pixverse'), 'internal.json')
  try {
    return Boolean(JSON.parse(readFileSync(file, 'utf8')).token)
  } catch {
    return false
  }
}

function pixverse(args) {
  process.stderr.write(`\n$ pixverse ${args.join(' ')}\n`)
  const result = spawnSync(process.execPath, [bin, ...args], {stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8'})
  if (result.status !== 0) {
    process.stderr.write(`demo: \`pixverse ${args.join(' ')}\` exited ${result.status}\n`)
    process.exit(result.status ?? 1)
  }

  process.stderr.write(result.stdout)
  return JSON.parse(result.stdout)
}

const sandbox = hasAccount() ? [] : ['--sandbox']
process.stderr.write(
  sandbox.length
    ? 'No PixVerse account configured: using the local sandbox (no credits spent).\n'
    : 'Using your PixVerse account (this spends credits).\n',
)
// `--sandbox` leaves its sandbox running in the background (it stops when idle); one the demo
// started is stopped at the end, so nothing outlives the demo (a CI job waits for no process).
const sandboxWasRunning = sandbox.length > 0 && pixverse(['sandbox', 'status', '--json']).running
process.on('exit', () => {
  if (sandbox.length && !sandboxWasRunning) spawnSync(process.execPath, [bin, 'sandbox', 'stop'], {stdio: 'ignore'})
})
if (sandbox.length) pixverse(['auth', 'login', '--json', ...sandbox])
const video = pixverse([
  'create',
  'video',
  '--prompt',
  'A red fox running through fresh snow at sunrise',
  '--json',
  ...sandbox,
])
const {file} = pixverse(['asset', 'download', String(video.video_id), '--dest', dest, '--json', ...sandbox])
const head = readFileSync(file).subarray(4, 8).toString('ascii')
if (!existsSync(file) || head !== 'ftyp') {
  process.stderr.write(`demo: ${file} is not an MP4\n`)
  process.exit(1)
}

process.stdout.write(`Downloaded ${file}\n`)
