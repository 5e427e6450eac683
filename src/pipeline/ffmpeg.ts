import {spawn} from 'node:child_process'
import {accessSync, constants} from 'node:fs'
import {delimiter, join} from 'node:path'

import {CliError, ExitCode, validationError} from '../errors.js'

export interface Ffmpeg {
  ffmpeg: string
  ffprobe: string
}

/** A program on PATH (no shell), or undefined. */
function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue
    const candidate = join(dir, name)
    try {
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {
      // not here
    }
  }

  return undefined
}

/** ffmpeg and ffprobe from PATH; exit 6 naming the step that needs them, before anything is spent. */
export function findFfmpeg(neededBy: string): Ffmpeg {
  const ffmpeg = onPath('ffmpeg')
  const ffprobe = onPath('ffprobe')
  if (ffmpeg && ffprobe) return {ffmpeg, ffprobe}
  const missing = [ffmpeg ? undefined : 'ffmpeg', ffprobe ? undefined : 'ffprobe'].filter(Boolean).join(' and ')
  throw validationError(
    `${neededBy} needs ${missing}, which is not on PATH; nothing was sent`,
    'Install ffmpeg (e.g. `apt-get install ffmpeg` or `brew install ffmpeg`) and run again.',
  )
}

/** Runs a tool with arguments (never through a shell); a failure carries the end of its stderr. */
export async function runTool(program: string, args: string[], signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {stdio: ['ignore', 'pipe', 'pipe'], signal})
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-2000)))
    child.on('error', (error) => reject(error))
    child.on('close', (code) => {
      if (code === 0) resolve(stdout)
      else {
        const last = stderr.trim().split('\n').slice(-2).join(' / ')
        reject(
          new CliError(`${program.split(/[\\/]/).pop()} failed (exit ${code}): ${last}`, {exitCode: ExitCode.General}),
        )
      }
    })
  })
}

export interface MediaFacts {
  duration: number
  video?: {width: number; height: number}
  audio: boolean
}

/** Duration and streams of a media file, from ffprobe. */
export async function probe(tools: Ffmpeg, file: string): Promise<MediaFacts> {
  const text = await runTool(tools.ffprobe, [
    '-v',
    'error',
    '-show_entries',
    'format=duration:stream=codec_type,width,height',
    '-of',
    'json',
    file,
  ])
  const data = JSON.parse(text) as {
    format?: {duration?: string}
    streams?: Array<{codec_type?: string; width?: number; height?: number}>
  }
  const video = data.streams?.find((s) => s.codec_type === 'video')
  return {
    duration: Number(data.format?.duration ?? 0),
    ...(video?.width && video.height ? {video: {width: video.width, height: video.height}} : {}),
    audio: Boolean(data.streams?.some((s) => s.codec_type === 'audio')),
  }
}
