import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import {expect} from 'chai'
import type {RunningSandbox} from '../../src/sandbox/index.js'
import {type Client, withSandbox} from './helpers.js'

const FIXTURES = path.resolve('fixtures/media')

/** The bucket's virtual host, as the real OSS is addressed (docs/protocol.md §5.1); the sandbox serves it on loopback too. */
const OSS_HOST = 'pixverse-fe-upload.oss-accelerate.aliyuncs.com'
const BUCKET = 'pixverse-fe-upload'

/** OSS V1 header signing, written here from Aliyun's documentation (not imported from the sandbox). */
function signedPut(
  origin: string,
  creds: {Ak: string; Sk: string; Token: string},
  bucket: string,
  key: string,
  body: Buffer,
  contentType: string,
  extra: Record<string, string> = {},
  urlKey = key,
) {
  const date = new Date().toUTCString()
  const md5 = crypto.createHash('md5').update(body).digest('base64')
  const ossHeaders: Record<string, string> = {
    'x-oss-security-token': creds.Token,
    'x-oss-forbid-overwrite': 'true',
    ...extra,
  }
  const canonical = Object.keys(ossHeaders)
    .sort()
    .map((h) => `${h}:${ossHeaders[h]}\n`)
    .join('')
  const toSign = `PUT\n${md5}\n${contentType}\n${date}\n${canonical}/${bucket}/${key}`
  const signature = crypto.createHmac('sha1', creds.Sk).update(toSign).digest('base64')
  const headers = {
    ...ossHeaders,
    host: OSS_HOST,
    'content-type': contentType,
    'content-md5': md5,
    date,
    authorization: `OSS ${creds.Ak}:${signature}`,
  }
  return hostPut(`${origin}/${urlKey}`, headers, body)
}

/** A PUT with an explicit Host header (fetch does not send one it is given), answered as a Response. */
function hostPut(url: string, headers: Record<string, string>, body: Buffer): Promise<Response> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {method: 'PUT', headers: {...headers, 'content-length': String(body.length)}},
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => {
          const answerHeaders = new Headers()
          for (const [name, value] of Object.entries(res.headers))
            if (typeof value === 'string') answerHeaders.set(name, value)
          resolve(new Response(Buffer.concat(chunks), {status: res.statusCode, headers: answerHeaders}))
        })
      },
    )
    request.on('error', reject)
    request.end(body)
  })
}

describe('sandbox: uploads (STS + OSS PUT + registration)', () => {
  let sb: RunningSandbox
  let client: Client

  beforeEach(async () => {
    ;({sb, client} = await withSandbox())
    await client.login()
  })
  afterEach(() => sb.close())

  it('a signed PUT stores the object; batch_upload_media registers it; the url serves the bytes', async () => {
    const tok = await client.post('getUploadToken')
    expect(tok.ErrCode).to.equal(0)
    const creds = tok.Resp
    expect(creds).to.include.keys('Ak', 'Sk', 'Token', 'Expiration')
    // No sandbox-only fields: clients PUT to the bucket host they know.
    expect(creds).not.to.have.any.keys('Bucket', 'Endpoint', 'bucket', 'endpoint')

    const png = fs.readFileSync(path.join(FIXTURES, 'sample.png'))
    const key = `upload/${crypto.randomUUID()}.png`
    const put = await signedPut(sb.origin, creds, BUCKET, key, png, 'image/png')
    expect(put.status, await put.clone().text()).to.equal(200)
    expect(put.headers.get('etag')).to.equal(`"${crypto.createHash('md5').update(png).digest('hex').toUpperCase()}"`)

    // Same key again with forbid-overwrite → 409.
    const again = await signedPut(sb.origin, creds, BUCKET, key, png, 'image/png')
    expect(again.status).to.equal(409)
    expect(await again.text()).to.contain('<Code>FileAlreadyExists</Code>')

    const name = path.posix.basename(key)
    const reg = await client.post('media/batch_upload_media', {
      images: [
        {name, size: png.length, path: key, fileName: 'cat.png'},
        {name: 'x.png', size: 1, path: 'upload/never-put.png', fileName: 'x.png'},
      ],
    })
    expect(reg.ErrCode).to.equal(0)
    const [item, missing] = reg.Resp.result
    expect(item).to.include({name, path: key, size: png.length})
    expect(item.id).to.be.a('number')
    expect(item).to.not.have.property('err_msg')
    expect(missing.err_msg).to.be.a('string')
    const served = await fetch(item.url)
    expect(served.headers.get('content-type')).to.equal('image/png')
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).to.equal(true)

    // The registered path is usable as an input.
    const i2v = await client.post('video/i2v', {prompt: 'animate', model: 'v6', customer_img_path: item.path})
    expect(i2v.ErrCode).to.equal(0)
  })

  it('rejects a bad signature, a wrong STS token and an unknown key id with OSS XML errors', async () => {
    const creds = (await client.post('getUploadToken')).Resp
    const body = Buffer.from('hello')
    const key = 'upload/x.txt'
    const url = sb.origin
    const badSig = await signedPut(url, {...creds, Sk: 'wrong-secret'}, BUCKET, key, body, 'text/plain')
    expect(badSig.status).to.equal(403)
    const xml = await badSig.text()
    expect(xml).to.contain('<Code>SignatureDoesNotMatch</Code>')
    expect(badSig.headers.get('content-type')).to.equal('application/xml')
    const badToken = await signedPut(url, {...creds, Token: 'other'}, BUCKET, key, body, 'text/plain')
    expect(badToken.status).to.equal(403)
    const unknown = await signedPut(url, {...creds, Ak: 'STS.unknown'}, BUCKET, key, body, 'text/plain')
    expect(await unknown.text()).to.contain('InvalidAccessKeyId')
    // Signed for one key, sent to another.
    const moved = await signedPut(url, creds, BUCKET, key, body, 'text/plain', {}, 'upload/y.txt')
    expect(moved.status).to.equal(403)
    const log = await client.control<any[]>('GET', 'requests')
    const ossLog = log.filter((r) => r.host === OSS_HOST)
    expect(ossLog.length).to.be.greaterThan(0)
    expect(
      ossLog.every(
        (r) => r.headers.authorization === '[redacted]' && r.headers['x-oss-security-token'] === '[redacted]',
      ),
    ).to.equal(true)
  })

  it('keeps its data folder private: every file 0600 and every folder 0700, whatever the umask', async () => {
    const previous = process.umask(0o022)
    try {
      const {sb: fresh, client: c, dataDir} = await withSandbox()
      try {
        await c.login()
        const creds = (await c.post('getUploadToken')).Resp
        const png = fs.readFileSync(path.join(FIXTURES, 'sample.png'))
        const put = await signedPut(fresh.origin, creds, BUCKET, `upload/${crypto.randomUUID()}.png`, png, 'image/png')
        expect(put.status).to.equal(200)
        // Prompts and file names sit in the request log and the state: nobody else may read them.
        const modes: string[] = []
        const walk = (dir: string): void => {
          for (const entry of fs.readdirSync(dir, {withFileTypes: true})) {
            const full = path.join(dir, entry.name)
            modes.push(`${path.relative(dataDir, full)} ${(fs.statSync(full).mode & 0o777).toString(8)}`)
            if (entry.isDirectory()) walk(full)
          }
        }

        walk(dataDir)
        expect(modes.some((m) => m.startsWith('requests.jsonl '))).to.equal(true)
        expect(modes.some((m) => m.startsWith('objects '))).to.equal(true)
        for (const m of modes) expect(m).to.match(/ (600|700)$/)
      } finally {
        await fresh.close()
      }
    } finally {
      process.umask(previous)
    }
  })

  it('media/upload registers videos and audio with their duration', async () => {
    const creds = (await client.post('getUploadToken')).Resp
    for (const [file, type, ct, expected] of [
      ['sample.mp4', 1, 'video/mp4', 2],
      ['sample.wav', 2, 'audio/wav', 2],
    ] as const) {
      const bytes = fs.readFileSync(path.join(FIXTURES, file))
      const key = `upload/${crypto.randomUUID()}${path.extname(file)}`
      const put = await signedPut(sb.origin, creds, BUCKET, key, bytes, ct)
      expect(put.status).to.equal(200)
      const reg = await client.post('media/upload', {name: path.posix.basename(key), path: key, type, file_name: file})
      expect(reg.ErrCode, reg.ErrMsg).to.equal(0)
      expect(reg.Resp).to.include({path: key, type})
      expect(reg.Resp.id).to.be.a('number')
      expect(reg.Resp.url).to.equal(`${sb.origin}/media/${key}`)
      expect(reg.Resp.duration).to.be.closeTo(expected, 0.1)
    }
    const none = await client.post('media/upload', {
      name: 'a.mp4',
      path: 'upload/none.mp4',
      type: 1,
      file_name: 'a.mp4',
    })
    expect(none.ErrCode).to.not.equal(0)
  })
})
