/**
 * An Aliyun OSS PutObject endpoint, addressed virtual-host style as the real one is:
 * PUT https://<bucket>.oss-accelerate.aliyuncs.com/<key> (docs/protocol.md §5.1, §9).
 *
 * The signature is checked exactly as Aliyun documents OSS V1 header signing, so a client that
 * signs wrongly fails here as it would on OSS:
 *   Authorization: OSS <AccessKeyId>:<base64(HMAC-SHA1(secret, VERB\nContent-MD5\nContent-Type\nDate\n
 *                  CanonicalizedOSSHeaders CanonicalizedResource))>
 * ali-oss puts `x-oss-date` in the Date slot instead of `Date`; both are accepted.
 * Errors are OSS XML documents, not PixVerse envelopes.
 */
import crypto from 'node:crypto'
import path from 'node:path'
import type {IncomingMessage, ServerResponse} from 'node:http'
import {writeFileAtomic} from './lock.js'
import {contentTypeFor} from './media.js'
import {type Store, makePrivateDir} from './store.js'

import {OSS_BUCKET} from './hosts.js'

function ossError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  extra: Record<string, string> = {},
): void {
  const requestId = crypto.randomBytes(12).toString('hex').toUpperCase()
  const fields = Object.entries(extra)
    .map(([k, v]) => `  <${k}>${escapeXml(v)}</${k}>\n`)
    .join('')
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n  <Code>${code}</Code>\n  <Message>${escapeXml(message)}</Message>\n  <RequestId>${requestId}</RequestId>\n  <HostId>sandbox-oss</HostId>\n${fields}</Error>\n`
  res.writeHead(status, {
    'content-type': 'application/xml',
    'content-length': String(Buffer.byteLength(xml)),
    'x-oss-request-id': requestId,
  })
  res.end(xml)
}

function escapeXml(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => ({'<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;'})[c]!)
}

function header(req: IncomingMessage, name: string): string {
  const v = req.headers[name]
  return Array.isArray(v) ? v.join(',') : (v ?? '')
}

export function stringToSign(req: IncomingMessage, resource: string, date: string): string {
  const ossHeaders = Object.keys(req.headers)
    .filter((h) => h.startsWith('x-oss-'))
    .sort()
    .map((h) => `${h}:${header(req, h).trim()}\n`)
    .join('')
  return (
    [req.method ?? 'PUT', header(req, 'content-md5'), header(req, 'content-type'), date].join('\n') +
    '\n' +
    ossHeaders +
    resource
  )
}

export function sign(secret: string, text: string): string {
  return crypto.createHmac('sha1', secret).update(text, 'utf8').digest('base64')
}

/** Object keys become files under dataDir/objects; refuse anything that could escape it. */
export function safeKey(key: string): boolean {
  return (
    key !== '' &&
    !key.startsWith('/') &&
    !key.includes('\\') &&
    !key.split('/').some((s) => s === '' || s === '.' || s === '..')
  )
}

export function objectFile(store: Store, key: string): string {
  return path.join(store.objectsDir, ...key.split('/'))
}

export async function handleOssPut(
  req: IncomingMessage,
  res: ServerResponse,
  store: Store,
  pathname: string,
  body: Buffer,
): Promise<void> {
  // The bucket is the host's first label (the only one served is OSS_BUCKET); the key is the path.
  const bucket = OSS_BUCKET
  let key: string
  try {
    key = decodeURIComponent(pathname.slice(1))
  } catch {
    return ossError(res, 400, 'InvalidObjectName', 'The object name is not valid URL encoding.')
  }
  if (req.method !== 'PUT')
    return ossError(res, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.')
  if (!safeKey(key)) return ossError(res, 400, 'InvalidObjectName', 'The specified object is not valid.')

  const auth = /^OSS ([^:\s]+):(\S+)$/.exec(header(req, 'authorization'))
  if (!auth)
    return ossError(
      res,
      403,
      'AccessDenied',
      'Missing or malformed Authorization header (expected "OSS AccessKeyId:Signature").',
    )
  const [, accessKeyId, signature] = auth
  const sts = await store.read((s) => s.sts[accessKeyId])
  if (!sts)
    return ossError(
      res,
      403,
      'InvalidAccessKeyId',
      'The OSS Access Key Id you provided does not exist in our records.',
      {OSSAccessKeyId: accessKeyId},
    )
  if (Date.now() > sts.expiresAt)
    return ossError(res, 403, 'SecurityTokenExpired', 'The security token you provided has expired.')
  if (header(req, 'x-oss-security-token') !== sts.token)
    return ossError(res, 403, 'InvalidSecurityToken', 'The security token you provided is invalid.')

  const resource = `/${bucket}/${key}`
  const dates = [header(req, 'date'), header(req, 'x-oss-date')].filter((d, i, all) => d !== '' && all.indexOf(d) === i)
  if (dates.length === 0) return ossError(res, 403, 'AccessDenied', 'Date header is required.')
  const candidates = dates.map((d) => stringToSign(req, resource, d))
  const matched = candidates.some((text) => {
    const expected = Buffer.from(sign(sts.secret, text))
    const given = Buffer.from(signature)
    return expected.length === given.length && crypto.timingSafeEqual(expected, given)
  })
  if (!matched) {
    return ossError(
      res,
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      {
        OSSAccessKeyId: accessKeyId,
        StringToSign: candidates[0],
      },
    )
  }

  const md5 = crypto.createHash('md5').update(body)
  const md5b64 = md5.copy().digest('base64')
  const givenMd5 = header(req, 'content-md5')
  if (givenMd5 && givenMd5 !== md5b64)
    return ossError(res, 400, 'InvalidDigest', 'The Content-MD5 you specified is not valid.')

  const forbidOverwrite = header(req, 'x-oss-forbid-overwrite').toLowerCase() === 'true'
  const etag = `"${md5.digest('hex').toUpperCase()}"`
  const file = objectFile(store, key)
  // Check-and-write under the state lock so two concurrent PUTs with forbid-overwrite cannot both win.
  const conflict = await store.update((s) => {
    if (forbidOverwrite && s.objects[key]) return true
    makePrivateDir(path.dirname(file))
    writeFileAtomic(file, body)
    s.objects[key] = {
      key,
      size: body.length,
      contentType: header(req, 'content-type') || contentTypeFor(key),
      md5: md5b64,
      createdAt: Date.now(),
    }
    return false
  })
  if (conflict)
    return ossError(
      res,
      409,
      'FileAlreadyExists',
      'The object you specified already exists and can not be overwritten.',
    )
  const requestId = crypto.randomBytes(12).toString('hex').toUpperCase()
  res.writeHead(200, {etag, 'x-oss-request-id': requestId, 'content-md5': md5b64, 'content-length': '0'})
  res.end()
}
