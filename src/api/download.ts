import {createWriteStream, mkdirSync, renameSync, rmSync, statSync} from 'node:fs'
import {join, resolve} from 'node:path'
import {pipeline} from 'node:stream/promises'

import {CliError, ExitCode} from '../errors.js'
import {loadGot} from './http.js'
import {backoffDelay, isRetryableNetworkError, isRetryableStatus, retryAfterMs, sleep} from './retry.js'

const MAX_ATTEMPTS = 8

export interface DownloadProgress {
  (received: number, total: number | undefined): void
}

/**
 * Streams a URL into `<dest>/<name>`: bytes go to `<name>.part`, a cut connection resumes with an
 * HTTP Range request, the size is checked against what the server announced, and only a complete
 * file is renamed to its final name. Memory stays flat whatever the size.
 */
export async function downloadFile(url: string, destDir: string, name: string, onProgress?: DownloadProgress): Promise<string> {
  const safeName = sanitizeFileName(name)
  const dir = resolve(destDir)
  mkdirSync(dir, {recursive: true})
  const final = join(dir, safeName)
  const part = `${final}.part`
  rmSync(part, {force: true})
  const got = await loadGot()
  let total: number | undefined
  for (let attempt = 1; ; attempt++) {
    const have = sizeOf(part)
    const stream = got.stream(url, {
      headers: have > 0 ? {Range: `bytes=${have}-`} : {},
      throwHttpErrors: false,
      retry: {limit: 0},
      timeout: {response: 30_000, read: 60_000} as never,
    })
    let status = 0
    try {
      const response = await new Promise<{statusCode: number; headers: Record<string, string | string[] | undefined>}>((resolve, reject) => {
        stream.once('response', resolve)
        stream.once('error', reject)
      })
      status = response.statusCode
      const resuming = have > 0 && status === 206
      if (status !== 200 && !resuming) {
        stream.destroy()
        if (isRetryableStatus(status) && attempt < MAX_ATTEMPTS) {
          await sleep(retryAfterMs(response.headers['retry-after']) ?? backoffDelay(attempt))
          continue
        }

        throw new CliError(`Download failed: HTTP ${status}`, {exitCode: ExitCode.General, code: status})
      }

      total = announcedTotal(response.headers, resuming ? have : 0) ?? total
      let received = resuming ? have : 0
      stream.on('data', (chunk: Buffer) => {
        received += chunk.length
        onProgress?.(received, total)
      })
      await pipeline(stream, createWriteStream(part, {flags: resuming ? 'a' : 'w'}))
    } catch (error) {
      if (error instanceof CliError) {
        rmSync(part, {force: true})
        throw error
      }

      if (attempt < MAX_ATTEMPTS && (isRetryableNetworkError(error) || sizeOf(part) > have)) {
        await sleep(backoffDelay(attempt))
        continue
      }

      rmSync(part, {force: true})
      throw new CliError(`Download failed: ${(error as Error).message}`, {exitCode: ExitCode.General})
    }

    const size = sizeOf(part)
    if (total !== undefined && size < total) {
      if (attempt < MAX_ATTEMPTS) continue
      rmSync(part, {force: true})
      throw new CliError(`Download incomplete: ${size} of ${total} bytes`, {exitCode: ExitCode.General})
    }

    if (total !== undefined && size > total) {
      rmSync(part, {force: true})
      throw new CliError(`Download corrupt: ${size} bytes, expected ${total}`, {exitCode: ExitCode.General})
    }

    renameSync(part, final)
    return final
  }
}

function announcedTotal(headers: Record<string, string | string[] | undefined>, offset: number): number | undefined {
  const range = headers['content-range']
  const match = typeof range === 'string' ? /\/(\d+)$/.exec(range) : null
  if (match) return Number(match[1])
  const length = Number(headers['content-length'])
  return Number.isFinite(length) && length > 0 ? offset + length : undefined
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size
  } catch {
    return 0
  }
}

/** Server-provided names never choose the folder: no separators, no dot-dot, no control characters. */
export function sanitizeFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? ''
  const cleaned = base.replace(/[\p{Cc}<>:"|?*]/gu, '_').replace(/^\.+/, '').trim()
  return cleaned === '' ? 'download' : cleaned.slice(0, 200)
}

/** `pixverse_<type>_<id>_<epoch-ms>.<ext>`, the extension taken from the URL path (≤ 5 chars). */
export function defaultFileName(type: string, id: number | string, url: string, fallbackExt: string): string {
  let ext = fallbackExt
  try {
    const match = /\.([a-z0-9]{1,5})$/i.exec(new URL(url).pathname)
    if (match) ext = match[1].toLowerCase()
  } catch {
    // not a URL we can read: keep the fallback
  }

  return `pixverse_${type}_${id}_${Date.now()}.${ext}`
}
