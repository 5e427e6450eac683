import {closeSync, openSync, readSync, statSync} from 'node:fs'

/**
 * Why an image file cannot be a whole picture, from its structure alone (no decoding): a header that
 * promises 5000x5000 pixels with no pixel data behind it is refused before anything is uploaded or
 * paid for, instead of failing at the resize step or on the service. Undefined: it looks complete.
 */
export function incompleteImage(file: string): string | undefined {
  const fd = openSync(file, 'r')
  try {
    const size = statSync(file).size
    const read = (offset: number, length: number): Buffer => {
      const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - offset)))
      readSync(fd, buffer, 0, buffer.length, offset)
      return buffer
    }

    const head = read(0, 12)
    if (head.toString('ascii', 1, 4) === 'PNG') return pngProblem(read, size)
    if (head[0] === 0xff && head[1] === 0xd8) return jpegProblem(read, size)
    if (head.toString('ascii', 0, 4) === 'RIFF' && head.toString('ascii', 8, 12) === 'WEBP') {
      // RIFF says how long the file is; a shorter file was cut off.
      return head.readUInt32LE(4) + 8 > size ? 'it is cut off (shorter than its RIFF header says)' : undefined
    }

    return undefined
  } finally {
    closeSync(fd)
  }
}

type Read = (offset: number, length: number) => Buffer

/** PNG: chunks (length, type, data, CRC) from byte 8; pixel data is in IDAT, the end is IEND. */
function pngProblem(read: Read, size: number): string | undefined {
  let offset = 8
  let data = false
  while (offset + 8 <= size) {
    const chunk = read(offset, 8)
    const length = chunk.readUInt32BE(0)
    const type = chunk.toString('ascii', 4, 8)
    if (offset + 12 + length > size) return `it is cut off inside its ${type} chunk`
    if (type === 'IDAT') data = true
    if (type === 'IEND') return data ? undefined : 'it has no pixel data (no IDAT chunk)'
    offset += 12 + length
  }

  return data ? 'it is cut off (no IEND chunk)' : 'it has no pixel data (no IDAT chunk)'
}

/** JPEG: marker segments from byte 2 up to SOS (start of scan), after which the pixel data follows. */
function jpegProblem(read: Read, size: number): string | undefined {
  let offset = 2
  while (offset + 4 <= size) {
    const marker = read(offset, 4)
    if (marker[0] !== 0xff) return 'its markers are damaged'
    if (marker[1] === 0xff) {
      offset += 1 // fill byte
      continue
    }

    const length = marker.readUInt16BE(2)
    if (marker[1] === 0xda) return offset + 2 + length < size ? undefined : 'it has no pixel data after its header'
    offset += 2 + length
  }

  return 'it has no pixel data (no start of scan)'
}
