/**
 * Real media for the sandbox: the committed fixtures (fixtures/media) stand in for every
 * generated video/image/audio, and uploaded objects are served from dataDir. Downloads are
 * plain GETs without auth that honour HTTP Range, because the client resumes partial downloads.
 */
import fs from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import type {IncomingMessage, ServerResponse} from 'node:http'

let fixturesDir: string | undefined

/** fixtures/media next to the package.json above this module (works from src/ and dist/). */
export function fixturesFolder(): string {
  if (fixturesDir) return fixturesDir
  let dir = path.dirname(fileURLToPath(import.meta.url))
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'fixtures', 'media'))) {
      fixturesDir = path.join(dir, 'fixtures', 'media')
      return fixturesDir
    }
    const parent = path.dirname(dir)
    if (parent === dir) throw new Error('sandbox: fixtures/media not found above ' + fileURLToPath(import.meta.url))
    dir = parent
  }
}

export const FIXTURE = {
  mp4: 'sample.mp4',
  png: 'sample.png',
  jpg: 'sample.jpg',
  mp3: 'sample.mp3',
  wav: 'sample.wav',
} as const

export function fixturePath(name: keyof typeof FIXTURE): string {
  return path.join(fixturesFolder(), FIXTURE[name])
}

const TYPES: Record<string, string> = {
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  ogg: 'audio/ogg',
}

export function contentTypeFor(name: string): string {
  return TYPES[path.extname(name).slice(1).toLowerCase()] ?? 'application/octet-stream'
}

/** Serves a file with Content-Length, Accept-Ranges and single-range 206 / 416 answers. */
export function serveFile(req: IncomingMessage, res: ServerResponse, file: string, contentType: string): void {
  const stat = fs.statSync(file)
  const size = stat.size
  // A stable validator lets a resuming client (If-Range) know the bytes did not change.
  const headers: Record<string, string> = {
    'content-type': contentType,
    'accept-ranges': 'bytes',
    etag: `"${size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`,
    'last-modified': stat.mtime.toUTCString(),
  }
  let start = 0
  let end = size - 1
  let status = 200
  const range = req.headers.range
  if (typeof range === 'string' && range.startsWith('bytes=') && !range.includes(',')) {
    const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim())
    let ok = Boolean(m) && !(m![1] === '' && m![2] === '')
    if (m && ok) {
      if (m[1] === '') {
        start = Math.max(0, size - Number(m[2])) // suffix range: the last N bytes
      } else {
        start = Number(m[1])
        if (m[2] !== '') end = Math.min(Number(m[2]), size - 1)
      }
      ok = start < size && start <= end
    }
    if (!ok) {
      res.writeHead(416, {'content-range': `bytes */${size}`, 'content-length': '0'})
      res.end()
      return
    }
    status = 206
    headers['content-range'] = `bytes ${start}-${end}/${size}`
  }
  headers['content-length'] = String(size === 0 ? 0 : end - start + 1)
  res.writeHead(status, headers)
  if (req.method === 'HEAD' || size === 0) {
    res.end()
    return
  }
  fs.createReadStream(file, {start, end}).pipe(res)
}

// ---- durations of uploaded media (media/upload reports `duration` in seconds) ----

/** Duration from the MP4/MOV `moov/mvhd` box, or undefined if the file is not one. */
export function mp4Duration(buf: Buffer): number | undefined {
  const mvhd = findBox(buf, 0, buf.length, ['moov', 'mvhd'])
  if (!mvhd) return undefined
  const version = buf[mvhd]
  if (version === 1) {
    if (mvhd + 32 > buf.length) return undefined
    const timescale = buf.readUInt32BE(mvhd + 20)
    const duration = Number(buf.readBigUInt64BE(mvhd + 24))
    return timescale ? duration / timescale : undefined
  }
  if (mvhd + 20 > buf.length) return undefined
  const timescale = buf.readUInt32BE(mvhd + 12)
  const duration = buf.readUInt32BE(mvhd + 16)
  return timescale ? duration / timescale : undefined
}

/** Walks ISO-BMFF boxes along a path of types; returns the offset of the last box's payload. */
function findBox(buf: Buffer, from: number, to: number, types: string[]): number | undefined {
  let pos = from
  while (pos + 8 <= to) {
    let size = buf.readUInt32BE(pos)
    const type = buf.toString('latin1', pos + 4, pos + 8)
    let header = 8
    if (size === 1) {
      if (pos + 16 > to) return undefined
      size = Number(buf.readBigUInt64BE(pos + 8))
      header = 16
    } else if (size === 0) {
      size = to - pos
    }
    if (size < header) return undefined
    if (type === types[0]) {
      if (types.length === 1) return pos + header
      return findBox(buf, pos + header, Math.min(pos + size, to), types.slice(1))
    }
    pos += size
  }
  return undefined
}

/** Duration from a RIFF/WAVE header: data size / byte rate. */
export function wavDuration(buf: Buffer): number | undefined {
  if (buf.length < 12 || buf.toString('latin1', 0, 4) !== 'RIFF' || buf.toString('latin1', 8, 12) !== 'WAVE')
    return undefined
  let pos = 12
  let byteRate = 0
  while (pos + 8 <= buf.length) {
    const id = buf.toString('latin1', pos, pos + 4)
    const size = buf.readUInt32LE(pos + 4)
    if (id === 'fmt ' && pos + 16 <= buf.length) byteRate = buf.readUInt32LE(pos + 16)
    if (id === 'data') return byteRate ? size / byteRate : undefined
    pos += 8 + size + (size % 2)
  }
  return undefined
}

export function mediaDuration(buf: Buffer, name: string): number | undefined {
  const ext = path.extname(name).slice(1).toLowerCase()
  if (ext === 'wav') return wavDuration(buf)
  if (ext === 'mp4' || ext === 'mov' || ext === 'm4a') return mp4Duration(buf)
  return mp4Duration(buf) ?? wavDuration(buf)
}
