import {createHmac, randomUUID} from 'node:crypto'
import {createReadStream, statSync} from 'node:fs'
import {basename, dirname} from 'node:path'

import {CliError, ExitCode, validationError} from '../errors.js'
import {
  EXTENSIONS,
  MAX_BYTES,
  type MediaKind,
  extensionOf,
  imageSize,
  kindOfExtension,
  readHead,
  sniffKind,
} from '../util/media-file.js'
import {incompleteImage} from '../util/image-structure.js'
import {removeTempDir} from '../util/temp-dir.js'
import type {ApiClient} from './client.js'
import {loadGot} from './http.js'
import {MAX_SIDE, shrinkImage} from './image-resize.js'
import {RETRY, mayRetry, waitToRetry} from './retry.js'

const DEFAULT_BUCKET = 'pixverse-fe-upload'
const DEFAULT_OSS_HOST = 'oss-accelerate.aliyuncs.com'
const TOKEN_TTL_MS = 10 * 60 * 1000

export interface UploadedMedia {
  kind: MediaKind
  path: string
  url?: string
  id?: number
  duration?: number
  /** Set when the image was downscaled before upload: ours (`from`/`to`) and the reference client's fields. */
  transform?: {
    from: {bytes: number}
    to: {width: number; height: number; bytes: number}
    type: 'image_downscale'
    original_size: number
    final_size: number
    original_dimensions: {width: number; height: number} | null
    final_dimensions: {width: number; height: number}
  }
  raw: Record<string, unknown>
}

export interface UploadProgress {
  (transferred: number, total: number): void
}

interface StsToken {
  ak: string
  sk: string
  token: string
  bucket: string
  endpoint: string
}

/** Checks a local file before any request: known extension, content matching the name, size. */
export function checkLocalMedia(flag: string, file: string, expected?: MediaKind): MediaKind {
  const ext = extensionOf(file)
  const kind = kindOfExtension(ext)
  if (!kind) {
    const all = Object.values(EXTENSIONS).flat().join(', ')
    throw validationError(`${flag} file "${file}" has an unsupported type ".${ext}" (accepted: ${all})`)
  }

  if (expected && kind !== expected) {
    throw validationError(
      `${flag} expects ${expected === 'image' ? 'an' : 'a'} ${expected} file; "${file}" is ${kind === 'image' ? 'an' : 'a'} ${kind}`,
    )
  }

  const sniffed = sniffKind(readHead(file, 64))
  if (sniffed && sniffed !== kind)
    throw validationError(`${flag} file "${file}" is named .${ext} but its content is ${sniffed}`)
  if (kind === 'image') checkImageHeader(flag, file, sniffed)
  const size = statSync(file).size
  if (kind !== 'image' && size > MAX_BYTES[kind]) {
    throw validationError(
      `${flag} file "${file}" is ${(size / 1024 / 1024).toFixed(1)} MB; ${kind} uploads are limited to ${MAX_BYTES[kind] / 1024 / 1024} MB`,
    )
  }

  return kind
}

/** Pixels an image may have (sharp's own default limit): a bigger header is a decompression bomb. */
const MAX_PIXELS = 268_402_689

/** An image must look like one (a text file named .png is not) and say a sane size in its header. */
function checkImageHeader(flag: string, file: string, sniffed: MediaKind | undefined): void {
  if (sniffed !== 'image')
    throw validationError(`${flag} file "${file}" is not a PNG, JPEG or WebP image (its content says otherwise)`)
  // A JPEG may keep its size past the first 64 KB (large EXIF): unknown is left to the resize step.
  const dims = imageSize(readHead(file))
  if (dims && (dims.width <= 0 || dims.height <= 0))
    throw validationError(`${flag} file "${file}" says it is ${dims.width}x${dims.height} pixels (damaged file?)`)
  if (dims && dims.width * dims.height > MAX_PIXELS) {
    throw validationError(
      `${flag} file "${file}" is ${dims.width}x${dims.height} pixels, more than ${MAX_PIXELS} in all`,
    )
  }
  const problem = incompleteImage(file)
  if (problem) throw validationError(`${flag} file "${file}" is not a complete image: ${problem}`)
}

/**
 * Uploads a local file the way the service expects (docs/protocol.md §5.1): STS token, a signed OSS PUT of
 * `upload/<uuid>.<ext>`, then registration. Images over 1920 px or the byte limit are shrunk first.
 */
export class Uploader {
  private sts?: {fetched: number; ready: Promise<StsToken>}

  constructor(private readonly client: ApiClient) {}

  async upload(file: string, kind: MediaKind, onProgress?: UploadProgress): Promise<UploadedMedia> {
    const ext = extensionOf(file)
    let source = file
    let transform: UploadedMedia['transform']
    if (kind === 'image') {
      const size = statSync(file).size
      const dims = imageSize(readHead(file))
      if (size > MAX_BYTES.image || !dims || dims.width > MAX_SIDE || dims.height > MAX_SIDE) {
        const resized = await shrinkImage(file, ext, MAX_BYTES.image)
        source = resized.file
        transform = {
          from: {bytes: resized.originalBytes},
          to: {width: resized.width, height: resized.height, bytes: resized.bytes},
          type: 'image_downscale',
          original_size: resized.originalBytes,
          final_size: resized.bytes,
          original_dimensions: dims ? {width: dims.width, height: dims.height} : null,
          final_dimensions: {width: resized.width, height: resized.height},
        }
      }
    }

    const uploadExt = extensionOf(source) || ext
    const name = `${randomUUID()}.${uploadExt}`
    const key = `upload/${name}`
    const bytes = statSync(source).size
    const raw = await this.put(source, key, bytes, onProgress)
      .then(() => this.register(kind, name, key, bytes, basename(file)))
      .finally(() => source !== file && removeTempDir(dirname(source)))
    return {
      kind,
      path: String(raw.path ?? key),
      url: typeof raw.url === 'string' ? raw.url : undefined,
      id: typeof raw.id === 'number' ? raw.id : undefined,
      duration: typeof raw.duration === 'number' ? raw.duration : undefined,
      transform,
      raw,
    }
  }

  private async register(
    kind: MediaKind,
    name: string,
    path: string,
    size: number,
    fileName: string,
  ): Promise<Record<string, unknown>> {
    if (kind === 'image') {
      const resp = await this.client.post<{result?: Record<string, unknown>[]}>('media/batch_upload_media', {
        images: [{name, size, path, fileName}],
      })
      const item = resp?.result?.[0]
      if (!item || item.err_msg) {
        throw new CliError(`Upload registration failed: ${String(item?.err_msg ?? 'no result')}`, {
          exitCode: ExitCode.General,
        })
      }

      return item
    }

    return this.client.post<Record<string, unknown>>('media/upload', {
      name,
      path,
      type: kind === 'video' ? 1 : 2,
      file_name: fileName,
    })
  }

  private async put(file: string, key: string, bytes: number, onProgress?: UploadProgress): Promise<void> {
    const sts = await this.token()
    const target = this.objectUrl(sts, key)
    const host = this.localHost(sts)
    const got = await loadGot()
    for (let attempt = 1; ; attempt++) {
      const date = new Date().toUTCString()
      const contentType = contentTypeFor(key)
      const ossHeaders: Record<string, string> = {'x-oss-forbid-overwrite': 'true', 'x-oss-security-token': sts.token}
      const signature = signOss(sts.sk, 'PUT', '', contentType, date, ossHeaders, `/${sts.bucket}/${key}`)
      const request = got.put(target, {
        body: createReadStream(file),
        headers: {
          ...(host ? {host} : {}),
          ...ossHeaders,
          'Access-Control-Allow-Origin': '*',
          Authorization: `OSS ${sts.ak}:${signature}`,
          'Content-Length': String(bytes),
          'Content-Type': contentType,
          Date: date,
        },
        throwHttpErrors: false,
        retry: {limit: 0},
        timeout: {request: 5 * 60 * 1000},
      })
      if (onProgress) request.on('uploadProgress', (p: {transferred: number}) => onProgress(p.transferred, bytes))
      let status: number
      let body = ''
      try {
        const response = await request
        status = response.statusCode
        body = String(response.body)
      } catch (error) {
        if (!mayRetry(RETRY.upload, attempt))
          throw new CliError(`Upload failed: ${(error as Error).message}`, {exitCode: ExitCode.General})
        await waitToRetry(RETRY.upload, attempt)
        continue
      }

      if (status >= 200 && status < 300) return
      // A retry after a lost answer finds its own object already there: the upload did land.
      if (status === 409 && attempt > 1) return
      if (status >= 500 && mayRetry(RETRY.upload, attempt)) {
        await waitToRetry(RETRY.upload, attempt)
        continue
      }

      const code = /<Code>([^<]+)<\/Code>/.exec(body)?.[1]
      throw new CliError(`Upload failed: HTTP ${status}${code ? ` ${code}` : ''}`, {
        exitCode: ExitCode.General,
        code: code ?? status,
      })
    }
  }

  /**
   * Virtual-host style, as OSS is addressed (docs/protocol.md §5.1, §9): `https://<bucket>.<endpoint>/<key>`.
   * An endpoint with an upload origin (`--sandbox`, PIXVERSE_UPLOAD_BASE) gets the same request, the
   * bucket host in `Host`; nothing else about the upload depends on where the API is.
   */
  private objectUrl(sts: StsToken, key: string): string {
    const origin = this.client.endpoint.uploadOrigin
    return origin ? `${origin}/${key}` : `https://${sts.bucket}.${sts.endpoint}/${key}`
  }

  private localHost(sts: StsToken): string | undefined {
    return this.client.endpoint.uploadOrigin ? `${sts.bucket}.${sts.endpoint}` : undefined
  }

  /** One STS token per command, shared by every file (and by concurrent uploads) while it is valid. */
  private token(): Promise<StsToken> {
    if (this.sts && Date.now() - this.sts.fetched < TOKEN_TTL_MS) return this.sts.ready
    const ready = this.fetchToken()
    this.sts = {fetched: Date.now(), ready}
    // A failed fetch is not cached: the next file asks again.
    ready.catch(() => {
      if (this.sts?.ready === ready) this.sts = undefined
    })
    return ready
  }

  private async fetchToken(): Promise<StsToken> {
    const resp = await this.client.post<Record<string, unknown>>('getUploadToken')
    const pick = (...keys: string[]) =>
      keys.map((k) => resp?.[k]).find((v) => typeof v === 'string' && v !== '') as string | undefined
    const ak = pick('Ak', 'ak', 'AccessKeyId')
    const sk = pick('Sk', 'sk', 'AccessKeySecret')
    const token = pick('Token', 'token', 'SecurityToken')
    if (!ak || !sk || !token)
      throw new CliError('Upload token response is missing credentials', {exitCode: ExitCode.General})
    return {
      ak,
      sk,
      token,
      bucket: checkBucket(pick('Bucket', 'bucket')),
      endpoint: checkEndpoint(pick('Endpoint', 'endpoint')),
    }
  }
}

/**
 * The token answer may name a bucket and endpoint; whatever form it takes, the upload only goes to
 * an OSS host (`*.aliyuncs.com`, over https): the file and the STS credentials never reach another
 * host because a server said so (issue 14).
 */
export function checkEndpoint(value: string | undefined): string {
  if (value === undefined) return DEFAULT_OSS_HOST
  const host = value
    .trim()
    .replace(/^https:\/\//i, '')
    .replace(/\/+$/, '')
    .toLowerCase()
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)*\.aliyuncs\.com$/.test(host)) {
    throw new CliError(`Refusing to upload to an untrusted endpoint "${value}" (only https *.aliyuncs.com)`, {
      exitCode: ExitCode.General,
    })
  }

  return host
}

/** A bucket name as OSS allows it (3-63 of a-z, 0-9, -): nothing that could change the host. */
export function checkBucket(value: string | undefined): string {
  if (value === undefined) return DEFAULT_BUCKET
  if (!/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(value)) {
    throw new CliError(`Refusing to upload to an invalid bucket "${value}"`, {exitCode: ExitCode.General})
  }

  return value
}

/** OSS header signature (V1): HMAC-SHA1 over verb, MD5, type, date, x-oss-* headers and resource. */
export function signOss(
  secret: string,
  verb: string,
  contentMd5: string,
  contentType: string,
  date: string,
  ossHeaders: Record<string, string>,
  resource: string,
): string {
  const canonicalHeaders = Object.keys(ossHeaders)
    .map((name) => name.toLowerCase())
    .sort()
    .map((name) => `${name}:${ossHeaders[name]}\n`)
    .join('')
  const stringToSign = `${verb}\n${contentMd5}\n${contentType}\n${date}\n${canonicalHeaders}${resource}`
  return createHmac('sha1', secret).update(stringToSign).digest('base64')
}

function contentTypeFor(key: string): string {
  const types: Record<string, string> = {
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    png: 'image/png',
    webp: 'image/webp',
    mp4: 'video/mp4',
    mov: 'video/quicktime',
    mp3: 'audio/mpeg',
    wav: 'audio/wav',
    m4a: 'audio/mp4',
    aac: 'audio/aac',
    ogg: 'audio/ogg',
  }
  return types[extensionOf(key)] ?? 'application/octet-stream'
}
