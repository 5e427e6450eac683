import {statSync} from 'node:fs'
import {join} from 'node:path'

import {CliError, ExitCode} from '../errors.js'
import {makeTempDir, removeTempDir} from '../util/temp-dir.js'

export const MAX_SIDE = 1920
const QUALITY_STEPS = [90, 82, 75, 68, 60]

export interface ResizeResult {
  file: string
  width: number
  height: number
  bytes: number
  originalBytes: number
}

/**
 * Fits an image inside 1920×1920 and under the byte limit (docs/protocol.md §5.1), writing a temporary copy:
 * the user's file is never touched. sharp is loaded only here, only when an image needs it.
 */
export async function shrinkImage(file: string, ext: string, maxBytes: number): Promise<ResizeResult> {
  const {default: sharp} = await import('sharp')
  const outDir = makeTempDir('pixverse-resize-')
  const format = ext === 'png' ? 'png' : ext === 'webp' ? 'webp' : 'jpeg'
  const out = join(outDir, `resized.${format === 'jpeg' ? 'jpg' : format}`)
  const originalBytes = statSync(file).size
  const qualities = format === 'png' ? [100] : QUALITY_STEPS
  for (const quality of qualities) {
    const pipeline = sharp(file)
      .rotate()
      .resize({width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true})
    const encoded =
      format === 'png'
        ? pipeline.png({compressionLevel: 9, palette: true})
        : format === 'webp'
          ? pipeline.webp({quality})
          : pipeline.jpeg({quality, progressive: true})
    const info = await encoded.toFile(out)
    if (info.size <= maxBytes)
      return {file: out, width: info.width, height: info.height, bytes: info.size, originalBytes}
  }

  removeTempDir(outDir)
  throw new CliError(`Image ${file} is still larger than ${Math.round(maxBytes / 1024 / 1024)} MB after compression`, {
    exitCode: ExitCode.Validation,
  })
}
