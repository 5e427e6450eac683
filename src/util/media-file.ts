import {closeSync, openSync, readSync} from 'node:fs'
import {extname} from 'node:path'

export type MediaKind = 'image' | 'video' | 'audio'

/** Extensions the service accepts (docs/protocol.md §5.1). */
export const EXTENSIONS: Record<MediaKind, string[]> = {
  image: ['jpg', 'jpeg', 'png', 'webp'],
  video: ['mp4', 'mov'],
  audio: ['mp3', 'wav', 'm4a', 'aac', 'ogg'],
}

/** Size limits per kind for uploads (docs/protocol.md §5.1: images are downscaled to fit). */
export const MAX_BYTES: Record<MediaKind, number> = {
  image: 10 * 1024 * 1024,
  video: 50 * 1024 * 1024,
  audio: 20 * 1024 * 1024,
}

export function extensionOf(file: string): string {
  return extname(file).slice(1).toLowerCase()
}

export function kindOfExtension(ext: string): MediaKind | undefined {
  return (Object.keys(EXTENSIONS) as MediaKind[]).find((kind) => EXTENSIONS[kind].includes(ext))
}

export function readHead(file: string, bytes = 64 * 1024): Buffer {
  const fd = openSync(file, 'r')
  try {
    const buffer = Buffer.alloc(bytes)
    const read = readSync(fd, buffer, 0, bytes, 0)
    return buffer.subarray(0, read)
  } finally {
    closeSync(fd)
  }
}

/** What the first bytes say the file is, whatever its name claims. */
export function sniffKind(head: Buffer): MediaKind | undefined {
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image'
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image'
  if (head.toString('ascii', 0, 4) === 'RIFF' && head.toString('ascii', 8, 12) === 'WEBP') return 'image'
  if (head.toString('ascii', 0, 4) === 'RIFF' && head.toString('ascii', 8, 12) === 'WAVE') return 'audio'
  if (head.toString('ascii', 4, 8) === 'ftyp') {
    const brand = head.toString('ascii', 8, 12)
    return brand.startsWith('M4A') ? 'audio' : 'video'
  }

  if (head.toString('ascii', 0, 3) === 'ID3' || (head[0] === 0xff && (head[1] & 0xe0) === 0xe0)) return 'audio'
  if (head.toString('ascii', 0, 4) === 'OggS') return 'audio'
  return undefined
}

/** Pixel size of a PNG, JPEG or WebP from its header, without an image library. */
export function imageSize(head: Buffer): {width: number; height: number} | undefined {
  if (head.toString('ascii', 1, 4) === 'PNG') return {width: head.readUInt32BE(16), height: head.readUInt32BE(20)}
  if (head[0] === 0xff && head[1] === 0xd8) return jpegSize(head)
  if (head.toString('ascii', 8, 12) === 'WEBP') return webpSize(head)
  return undefined
}

function jpegSize(head: Buffer): {width: number; height: number} | undefined {
  let offset = 2
  while (offset + 9 < head.length) {
    if (head[offset] !== 0xff) return undefined
    const marker = head[offset + 1]
    const length = head.readUInt16BE(offset + 2)
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return {height: head.readUInt16BE(offset + 5), width: head.readUInt16BE(offset + 7)}
    }

    offset += 2 + length
  }

  return undefined
}

function webpSize(head: Buffer): {width: number; height: number} | undefined {
  const chunk = head.toString('ascii', 12, 16)
  if (chunk === 'VP8X') return {width: 1 + head.readUIntLE(24, 3), height: 1 + head.readUIntLE(27, 3)}
  if (chunk === 'VP8L') {
    const bits = head.readUInt32LE(21)
    return {width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff)}
  }

  if (chunk === 'VP8 ') return {width: head.readUInt16LE(26) & 0x3fff, height: head.readUInt16LE(28) & 0x3fff}
  return undefined
}
