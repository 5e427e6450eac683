import {createHash} from 'node:crypto'
import {constants, copyFileSync, createWriteStream, linkSync, mkdirSync, rmSync, statSync} from 'node:fs'
import {extname, join, resolve} from 'node:path'
import {pipeline} from 'node:stream/promises'

import {tryLock} from '../config/lock.js'
import {CliError, ExitCode} from '../errors.js'
import {type MediaKind, extensionOf, kindOfExtension, readHead, sniffKind} from '../util/media-file.js'
import {loadGot} from './http.js'
import {RETRY, isRetryableNetworkError, isRetryableStatus, mayRetry, retryAfterMs, waitToRetry} from './retry.js'

/** When the service did not say how big the asset is: far above any real result, far below a full disk. */
const GENEROUS_CAP: Record<MediaKind, number> = {video: 4 * 1024 ** 3, image: 256 * 1024 ** 2, audio: 1024 ** 3}
/** Bodies that are an error page or an API answer, never media. */
const NOT_MEDIA = /^(text\/|application\/(json|xml|xhtml|javascript|problem))/i

export interface DownloadProgress {
  (received: number, total: number | undefined): void
}

export interface DownloadOptions {
  /** What the file must hold; by default what the name's extension says. */
  kind?: MediaKind
  /** The size the service gave for this asset (a detail's `file_size`): more is refused. */
  expectedBytes?: number
  /** Aborting stops the download and removes its partial file. */
  signal?: AbortSignal
}

/**
 * Streams a URL into `<dest>/<name>` and returns the path it really wrote.
 *
 * Bytes go to a `.part` named after the final name and the URL path, so a rerun of the same
 * download after a crash resumes it (HTTP Range). A lock file beside it says which live process is
 * writing it: a second process downloading the same asset at once takes the next `.part`. The body
 * is capped, and must look like the media expected (an HTML error page is refused). The
 * complete file is placed under a name that is free, created exclusively (`name (2).ext`…): an
 * existing file is never replaced. Ctrl-C, SIGTERM or the caller's signal remove the `.part`.
 */
export async function downloadFile(
  url: string,
  destDir: string,
  name: string,
  onProgress?: DownloadProgress,
  options: DownloadOptions = {},
): Promise<string> {
  const dir = resolve(destDir)
  mkdirSync(dir, {recursive: true})
  const final = join(dir, sanitizeFileName(name))
  const kind = options.kind ?? kindOfExtension(extensionOf(final))
  const cap = options.expectedBytes && options.expectedBytes > 0 ? options.expectedBytes : GENEROUS_CAP[kind ?? 'video']
  const {part, lock} = claimPart(final, url)
  const abort = abortOnSignals(options.signal)
  const cleanUp = () => rmSync(part, {force: true})
  try {
    await fetchInto(part, url, {cap, kind, onProgress, signal: abort.signal})
    checkContent(part, kind)
    return placeExclusively(part, final)
  } catch (error) {
    cleanUp()
    throw abort.signal.aborted ? abort.signal.reason : error
  } finally {
    abort.dispose()
    rmSync(lock, {force: true})
  }
}

/** The first `.part` of this download no live process holds; a dead holder's `.part` is resumed. */
function claimPart(final: string, url: string): {part: string; lock: string} {
  const tag = createHash('sha256').update(urlIdentity(url)).digest('hex').slice(0, 8)
  for (let slot = 1; ; slot++) {
    const part = `${final}.${tag}${slot === 1 ? '' : `-${slot}`}.part`
    const lock = `${part}.lock`
    if (tryLock(lock)) return {part, lock}
  }
}

/** Signed URLs change their query on every request; the path names the object. */
function urlIdentity(url: string): string {
  try {
    const parsed = new URL(url)
    return parsed.origin + parsed.pathname
  } catch {
    return url
  }
}

interface FetchOptions {
  cap: number
  kind: MediaKind | undefined
  onProgress?: DownloadProgress
  signal: AbortSignal
}

async function fetchInto(part: string, url: string, options: FetchOptions): Promise<void> {
  const got = await loadGot()
  let total: number | undefined
  for (let attempt = 1; ; attempt++) {
    const have = sizeOf(part)
    const stream = got.stream(url, {
      headers: have > 0 ? {Range: `bytes=${have}-`} : {},
      throwHttpErrors: false,
      retry: {limit: 0},
      timeout: {response: 30_000, read: 60_000} as never,
      signal: options.signal,
    } as never)
    try {
      const response = await new Promise<{statusCode: number; headers: Record<string, string | string[] | undefined>}>(
        (resolve, reject) => {
          stream.once('response', resolve)
          stream.once('error', reject)
        },
      )
      const status = response.statusCode
      const resuming = have > 0 && status === 206
      if (status !== 200 && !resuming) {
        stream.destroy()
        if (isRetryableStatus(status) && mayRetry(RETRY.download, attempt)) {
          const retryAfter = retryAfterMs(response.headers['retry-after'])
          await waitToRetry(RETRY.download, attempt, {retryAfterMs: retryAfter, signal: options.signal})
          continue
        }

        throw new CliError(`Download failed: HTTP ${status}`, {exitCode: ExitCode.General, code: status})
      }

      refuseNonMedia(response.headers['content-type'], options.kind)
      total = announcedTotal(response.headers, resuming ? have : 0) ?? total
      if (total !== undefined && total > options.cap) throw tooLarge(total, options.cap)
      let received = resuming ? have : 0
      stream.on('data', (chunk: Buffer) => {
        received += chunk.length
        if (received > options.cap) stream.destroy(tooLarge(received, options.cap))
        else options.onProgress?.(received, total)
      })
      await pipeline(stream, createWriteStream(part, {flags: resuming ? 'a' : 'w'}))
    } catch (error) {
      stream.destroy()
      if (error instanceof CliError || options.signal.aborted) throw error
      if (mayRetry(RETRY.download, attempt) && (isRetryableNetworkError(error) || sizeOf(part) > have)) {
        await waitToRetry(RETRY.download, attempt, {signal: options.signal})
        continue
      }

      throw new CliError(`Download failed: ${(error as Error).message}`, {exitCode: ExitCode.General})
    }

    const size = sizeOf(part)
    if (total !== undefined && size < total) {
      if (mayRetry(RETRY.download, attempt)) continue
      throw new CliError(`Download incomplete: ${size} of ${total} bytes`, {exitCode: ExitCode.General})
    }

    if (total !== undefined && size > total)
      throw new CliError(`Download corrupt: ${size} bytes, expected ${total}`, {exitCode: ExitCode.General})
    return
  }
}

function refuseNonMedia(contentType: string | string[] | undefined, kind: MediaKind | undefined): void {
  const type = String(contentType ?? '')
    .split(';')[0]
    .trim()
  if (NOT_MEDIA.test(type)) throw notMedia(`the server sent ${type}`, kind)
}

/** The first bytes decide: a video must hold a video. (A file of no known kind is checked by its content type only.) */
function checkContent(part: string, kind: MediaKind | undefined): void {
  if (kind === undefined) return
  const sniffed = sniffKind(readHead(part, 64))
  if (sniffed === undefined) throw notMedia('its first bytes are not a known media format', kind)
  if (sniffed !== kind) throw notMedia(`it holds ${sniffed} data`, kind)
}

function notMedia(why: string, kind: MediaKind | undefined): CliError {
  return new CliError(`Download refused: ${why}, not ${kind ? `${kind === 'video' ? 'a' : 'an'} ${kind}` : 'media'}`, {
    exitCode: ExitCode.General,
    hint: 'Nothing was saved. The download link may have expired: run the command again.',
  })
}

function tooLarge(bytes: number, cap: number): CliError {
  return new CliError(`Download refused: ${bytes} bytes is larger than the ${cap} bytes expected`, {
    exitCode: ExitCode.General,
  })
}

/** `name.ext`, else `name (2).ext`, `name (3).ext`…: the first that does not exist, taken atomically. */
function placeExclusively(part: string, final: string): string {
  const ext = extname(final)
  const stem = final.slice(0, final.length - ext.length)
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? final : `${stem} (${n})${ext}`
    try {
      try {
        linkSync(part, candidate) // fails with EEXIST instead of replacing
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw error
        copyFileSync(part, candidate, constants.COPYFILE_EXCL) // file systems without hard links
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue
      throw error
    }

    rmSync(part, {force: true})
    return candidate
  }
}

/** Downloads in flight, and what each does on a signal. One process listener serves them all. */
const inFlight = new Set<(exitCode: number) => void>()
const onSigint = () => stopAll(ExitCode.Interrupted)
const onSigterm = () => stopAll(143)

function stopAll(exitCode: number): void {
  for (const stop of [...inFlight]) stop(exitCode)
}

/**
 * Ctrl-C and SIGTERM during a download end it (exit 130 / 143) after its partial file is removed;
 * while we listen, Node does not end the process by itself, so the error reaches the command.
 */
function abortOnSignals(external?: AbortSignal): {signal: AbortSignal; dispose(): void} {
  const controller = new AbortController()
  const stop = (exitCode: number) =>
    controller.abort(
      new CliError('Download interrupted; the partial file was removed', {
        exitCode,
        hint: 'Run the same command again to download it.',
      }),
    )
  const onExternal = () => controller.abort(external?.reason)
  if (inFlight.size === 0) {
    process.on('SIGINT', onSigint)
    process.on('SIGTERM', onSigterm)
  }

  inFlight.add(stop)
  if (external?.aborted) onExternal()
  external?.addEventListener('abort', onExternal, {once: true})
  return {
    signal: controller.signal,
    dispose() {
      inFlight.delete(stop)
      if (inFlight.size === 0) {
        process.removeListener('SIGINT', onSigint)
        process.removeListener('SIGTERM', onSigterm)
      }

      external?.removeEventListener('abort', onExternal)
    },
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
  const cleaned = base
    .replace(/[\p{Cc}<>:"|?*]/gu, '_')
    .replace(/^\.+/, '')
    .trim()
  return cleaned === '' ? 'download' : cleaned.slice(0, 200)
}

/**
 * `pixverse_<type>_<id>.<ext>`, the extension taken from the URL path (≤ 5 chars). The same for
 * every run (unlike the reference client's `_<epoch-ms>`), so a rerun resumes its `.part`; a file
 * already there is never replaced (see placeExclusively).
 */
export function defaultFileName(type: string, id: number | string, url: string, fallbackExt: string): string {
  let ext = fallbackExt
  try {
    const match = /\.([a-z0-9]{1,5})$/i.exec(new URL(url).pathname)
    if (match) ext = match[1].toLowerCase()
  } catch {
    // not a URL we can read: keep the fallback
  }

  return `pixverse_${type}_${id}.${ext}`
}
