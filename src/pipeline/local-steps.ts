import {mkdirSync, renameSync, rmSync} from 'node:fs'
import {join} from 'node:path'

import {type Ffmpeg, probe, runTool} from './ffmpeg.js'

/** What a field of a local step takes; checked before anything is sent. */
export interface LocalField {
  type: 'file' | 'files' | 'integer' | 'number' | 'choice-or-number' | 'choice'
  required?: boolean
  default?: number | string
  min?: number
  max?: number
  options?: string[]
  description: string
}

export interface LocalStepKind {
  description: string
  fields: Record<string, LocalField>
  /** Output fields and what they hold. */
  outputs: Record<string, 'file' | 'files' | 'id'>
  needsFfmpeg: boolean
  needsApi?: boolean
  run(input: Record<string, unknown>, context: LocalContext): Promise<Record<string, unknown>>
}

export interface LocalContext {
  /** The step's own folder under --out. */
  dir: string
  tools?: Ffmpeg
  signal: AbortSignal
  download?(id: number, type: 'video' | 'image' | 'audio', dir: string): Promise<string>
}

/** Writes through a temporary name, so a crash never leaves a half file under the final name. */
async function atomically(final: string, write: (temporary: string) => Promise<unknown>): Promise<string> {
  const temporary = final.replace(/(\.[a-z0-9]+)$/i, '.part$1')
  rmSync(temporary, {force: true})
  try {
    await write(temporary)
    renameSync(temporary, final)
  } catch (error) {
    rmSync(temporary, {force: true})
    throw error
  }

  return final
}

const even = (n: number) => Math.max(2, Math.floor(n / 2) * 2)

export const localSteps: Record<string, LocalStepKind> = {
  split: {
    description:
      'Cut an image into a rows x columns grid of images (a storyboard into its shots), left to right, top to bottom.',
    fields: {
      image: {type: 'file', required: true, description: 'The image to cut.'},
      rows: {type: 'integer', default: 2, min: 1, max: 8, description: 'Rows of the grid.'},
      columns: {type: 'integer', default: 2, min: 1, max: 8, description: 'Columns of the grid.'},
    },
    outputs: {images: 'files', image: 'file'},
    needsFfmpeg: false,
    async run(input, {dir}) {
      const sharp = (await import('sharp')).default
      const file = String(input.image)
      const {width = 0, height = 0} = await sharp(file).metadata()
      const rows = Number(input.rows)
      const columns = Number(input.columns)
      const tileWidth = Math.floor(width / columns)
      const tileHeight = Math.floor(height / rows)
      if (tileWidth < 1 || tileHeight < 1)
        throw new Error(`${file} (${width}x${height}) is too small for a ${rows}x${columns} grid`)
      mkdirSync(dir, {recursive: true})
      const images: string[] = []
      for (let row = 0; row < rows; row++) {
        for (let column = 0; column < columns; column++) {
          const target = join(dir, `tile-${row + 1}-${column + 1}.png`)
          const region = {left: column * tileWidth, top: row * tileHeight, width: tileWidth, height: tileHeight}
          images.push(await atomically(target, (temporary) => sharp(file).extract(region).png().toFile(temporary)))
        }
      }

      return {images, image: images[0]}
    },
  },
  frame: {
    description: 'Take one frame of a video as an image: the first, the last, or the one at a time in seconds.',
    fields: {
      video: {type: 'file', required: true, description: 'The video.'},
      at: {
        type: 'choice-or-number',
        options: ['first', 'last'],
        default: 'last',
        min: 0,
        description: 'first, last, or seconds from the start.',
      },
    },
    outputs: {image: 'file'},
    needsFfmpeg: true,
    async run(input, {dir, tools, signal}) {
      mkdirSync(dir, {recursive: true})
      const at = String(input.at)
      const seek = at === 'first' ? ['-ss', '0'] : at === 'last' ? ['-sseof', '-0.5'] : ['-ss', at]
      const image = await atomically(join(dir, 'frame.png'), (temporary) =>
        runTool(
          tools!.ffmpeg,
          [
            '-v',
            'error',
            '-y',
            ...seek,
            '-i',
            String(input.video),
            '-update',
            '1',
            '-frames:v',
            at === 'last' ? '100' : '1',
            temporary,
          ],
          signal,
        ),
      )
      return {image}
    },
  },
  concat: {
    description:
      'Join videos into one MP4, in order; different sizes, frame rates or codecs are scaled, padded and re-encoded to the first one.',
    fields: {
      videos: {type: 'files', required: true, description: 'The videos, in order.'},
      fps: {type: 'integer', default: 30, min: 1, max: 120, description: 'Frame rate of the result.'},
    },
    outputs: {video: 'file'},
    needsFfmpeg: true,
    async run(input, {dir, tools, signal}) {
      const videos = (input.videos as unknown[]).map(String)
      const facts = await Promise.all(videos.map((file) => probe(tools!, file)))
      const first = facts.find((f) => f.video)?.video
      if (!first) throw new Error('none of the videos has a video stream')
      const [width, height] = [even(first.width), even(first.height)]
      const withAudio = facts.some((f) => f.audio)
      const filters: string[] = []
      const pads: string[] = []
      facts.forEach((f, i) => {
        filters.push(
          `[${i}:v]scale=${width}:${height}:force_original_aspect_ratio=decrease,pad=${width}:${height}:(ow-iw)/2:(oh-ih)/2,setsar=1,fps=${Number(input.fps)},format=yuv420p,setpts=PTS-STARTPTS[v${i}]`,
        )
        if (withAudio) {
          const source = f.audio
            ? `[${i}:a]aformat=sample_rates=44100:channel_layouts=stereo,apad,`
            : 'anullsrc=r=44100:cl=stereo,'
          filters.push(`${source}atrim=0:${f.duration},asetpts=PTS-STARTPTS[a${i}]`)
        }

        pads.push(withAudio ? `[v${i}][a${i}]` : `[v${i}]`)
      })
      filters.push(
        `${pads.join('')}concat=n=${videos.length}:v=1:a=${withAudio ? 1 : 0}${withAudio ? '[v][a]' : '[v]'}`,
      )
      mkdirSync(dir, {recursive: true})
      const args = [
        '-v',
        'error',
        '-y',
        ...videos.flatMap((file) => ['-i', file]),
        '-filter_complex',
        filters.join(';'),
        '-map',
        '[v]',
      ]
      if (withAudio) args.push('-map', '[a]', '-c:a', 'aac', '-b:a', '128k')
      args.push('-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-movflags', '+faststart', '-f', 'mp4')
      const video = await atomically(join(dir, 'concat.mp4'), (temporary) =>
        runTool(tools!.ffmpeg, [...args, temporary], signal),
      )
      return {video}
    },
  },
  mux: {
    description:
      "Lay an audio track (music, a voice-over) under a video: trimmed or padded to the video's length, with fades; the video stream is copied.",
    fields: {
      video: {type: 'file', required: true, description: 'The video.'},
      audio: {type: 'file', required: true, description: 'The audio track.'},
      'fade-in': {type: 'number', default: 0, min: 0, max: 60, description: 'Seconds of fade-in.'},
      'fade-out': {type: 'number', default: 1, min: 0, max: 60, description: 'Seconds of fade-out before the end.'},
      volume: {type: 'number', default: 1, min: 0, max: 4, description: 'Volume factor of the audio.'},
    },
    outputs: {video: 'file'},
    needsFfmpeg: true,
    async run(input, {dir, tools, signal}) {
      const video = String(input.video)
      const {duration} = await probe(tools!, video)
      const fadeIn = Math.min(Number(input['fade-in']), duration)
      const fadeOut = Math.min(Number(input['fade-out']), duration)
      const chain = [
        `[1:a]aformat=sample_rates=44100:channel_layouts=stereo`,
        'apad',
        `atrim=0:${duration}`,
        `volume=${Number(input.volume)}`,
      ]
      if (fadeIn > 0) chain.push(`afade=t=in:st=0:d=${fadeIn}`)
      if (fadeOut > 0) chain.push(`afade=t=out:st=${Math.max(0, duration - fadeOut)}:d=${fadeOut}`)
      mkdirSync(dir, {recursive: true})
      const args = [
        '-v',
        'error',
        '-y',
        '-i',
        video,
        '-i',
        String(input.audio),
        '-filter_complex',
        `${chain.join(',')}[a]`,
      ]
      args.push(
        '-map',
        '0:v:0',
        '-map',
        '[a]',
        '-c:v',
        'copy',
        '-c:a',
        'aac',
        '-b:a',
        '160k',
        '-t',
        String(duration),
        '-movflags',
        '+faststart',
        '-f',
        'mp4',
      )
      return {
        video: await atomically(join(dir, 'mux.mp4'), (temporary) =>
          runTool(tools!.ffmpeg, [...args, temporary], signal),
        ),
      }
    },
  },
  download: {
    description: 'Download a finished asset of your library (by id) into the output folder, to use in later steps.',
    fields: {
      id: {type: 'integer', required: true, min: 1, description: 'The asset id.'},
      type: {type: 'choice', options: ['video', 'image', 'audio'], default: 'video', description: 'Its type.'},
    },
    outputs: {file: 'file', video: 'file', image: 'file', audio: 'file'},
    needsFfmpeg: false,
    needsApi: true,
    async run(input, {dir, download}) {
      const file = await download!(Number(input.id), input.type as 'video' | 'image' | 'audio', dir)
      return {file, [String(input.type)]: file}
    },
  },
}

export function isLocalStep(mode: string): boolean {
  return Object.hasOwn(localSteps, mode)
}
