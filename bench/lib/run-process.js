import {spawn} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

const RSS_PROBE = fileURLToPath(new URL('./rss-probe.mjs', import.meta.url))

/**
 * Runs a command and returns its wall time (ms). With `rss: true` the child is started with a
 * preload that writes its own peak RSS (KiB) at exit — measured in separate runs, since the preload
 * itself costs a little time.
 */
export function runOnce(command, args, {env = {}, rss = false} = {}) {
  const dir = rss ? mkdtempSync(join(tmpdir(), 'pixverse-bench-')) : undefined
  const rssFile = dir ? join(dir, 'rss') : undefined
  const nodeArgs = rss ? ['--import', RSS_PROBE] : []
  const finalArgs = command === process.execPath ? [...nodeArgs, ...args] : args
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint()
    const child = spawn(command, finalArgs, {
      env: {...process.env, ...env, ...(rssFile ? {BENCH_RSS_FILE: rssFile} : {})},
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c) => (stdout += c))
    child.stderr.on('data', (c) => (stderr += c))
    child.on('error', reject)
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      let peakKb
      if (rssFile) {
        try {
          peakKb = Number(readFileSync(rssFile, 'utf8'))
        } catch {
          peakKb = undefined
        }

        rmSync(dir, {recursive: true, force: true})
      }

      resolve({ms, peakKb, code, stdout, stderr})
    })
  })
}

export async function repeat(times, fn) {
  const results = []
  for (let i = 0; i < times; i++) results.push(await fn(i))
  return results
}
