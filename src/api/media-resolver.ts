import {dirname} from 'node:path'

import {CliError, ExitCode} from '../errors.js'
import {type FileAccessPolicy, assertReadable, commandLinePolicy} from '../util/file-access.js'
import type {MediaKind} from '../util/media-file.js'
import {removeTempDir} from '../util/temp-dir.js'
import type {ApiClient} from './client.js'
import {fetchDetail} from './detail.js'
import {findKind} from './find-kind.js'
import {type MediaInput} from './media-input.js'
import {fetchRemoteMedia} from './remote-media.js'
import {type UploadProgress, type UploadedMedia, Uploader, checkLocalMedia} from './upload.js'

/** The request fields a video input becomes (docs/protocol.md §3.0, "Video input"). */
export interface VideoBundle {
  original_video_id?: number
  customer_video_path: string
  customer_video_url?: string
  customer_video_duration?: number
  customer_video_first_frame_url?: string
  customer_video_first_frame_path?: string
  customer_video_last_frame_url?: string
  /** Source video facts some modes reuse (quality, platform); not sent as such. */
  source?: {quality?: string; platform?: string; lastFrame?: string; firstFrame?: string}
}

export interface AudioRef {
  path: string
  duration?: number
}

/**
 * Turns classified media inputs into what the service expects: uploads local files and https URLs,
 * looks up asset ids, passes media paths through. Inputs were classified (and so validated) before.
 */
export class MediaResolver {
  private readonly uploader: Uploader

  private readonly files: FileAccessPolicy
  private readonly onUploadProgress?: (label: string) => UploadProgress
  private readonly say?: (message: string) => void

  constructor(
    private readonly client: ApiClient,
    options: {
      /** Which local files may be uploaded (an MCP tool call: only inside the folder the server was given). */
      files?: FileAccessPolicy
      onUploadProgress?: (label: string) => UploadProgress
      /** A line for the person at stderr (an image resized before its upload). */
      say?: (message: string) => void
    } = {},
  ) {
    this.files = options.files ?? commandLinePolicy()
    this.onUploadProgress = options.onUploadProgress
    this.say = options.say
    this.uploader = new Uploader(client)
  }

  async image(flag: string, input: MediaInput): Promise<string> {
    switch (input.form) {
      case 'media-path':
        return input.value
      case 'id': {
        const detail = await fetchDetail(this.client, 'image', input.value)
        const path = detail?.image_path
        if (typeof path !== 'string' || !path)
          throw new CliError(`${flag}: image ${input.value} has no media path`, {exitCode: ExitCode.General})
        return path
      }

      default:
        return (await this.uploadInput(flag, input, 'image')).path
    }
  }

  async video(flag: string, input: MediaInput): Promise<VideoBundle> {
    if (input.form === 'id') return this.videoById(input.value)
    if (input.form === 'media-path') {
      const frame = await this.frameAt({video_path: input.value})
      return {customer_video_path: input.value, ...firstFrameFields(frame)}
    }

    const uploaded = await this.uploadInput(flag, input, 'video')
    const [first, last] = await Promise.all([
      this.frameAt({video_path: uploaded.path}),
      this.lastFrame({video_path: uploaded.path}),
    ])
    return {
      customer_video_path: uploaded.path,
      customer_video_url: uploaded.url,
      ...(uploaded.duration === undefined ? {} : {customer_video_duration: Math.round(uploaded.duration)}),
      ...firstFrameFields(first),
      ...(typeof last?.last_frame === 'string' ? {customer_video_last_frame_url: last.last_frame} : {}),
    }
  }

  async audio(flag: string, input: MediaInput): Promise<AudioRef> {
    if (input.form === 'media-path') return {path: input.value}
    if (input.form === 'id') {
      const id = input.value
      // Created audio first, then an upload (docs/protocol.md §3.0); one without a media path is not usable.
      const bySource = (source: 0 | 1) => async () => {
        const audio = await fetchDetail(this.client, 'audio', id, source)
        const path = audio?.path ?? audio?.audio_path
        return typeof path === 'string' && path ? {path, duration: numberOrUndefined(audio.duration)} : undefined
      }
      return findKind(
        id,
        [
          {kind: 'created audio', look: bySource(1)},
          {kind: 'uploaded audio', look: bySource(0)},
        ],
        `Check ${flag}: \`pixverse asset list --type audio\` lists your audio ids (add \`--source upload\` for uploads).`,
      )
    }

    const uploaded = await this.uploadInput(flag, input, 'audio')
    return {path: uploaded.path, duration: uploaded.duration}
  }

  /** Uploads a local file or a downloaded https URL. */
  async uploadInput(flag: string, input: MediaInput, kind: MediaKind): Promise<UploadedMedia> {
    const file =
      input.form === 'url'
        ? await fetchRemoteMedia(input.value, kind, {allowLoopback: this.client.endpoint.local})
        : assertReadable(this.files, String(input.value), flag)
    try {
      const actual = checkLocalMedia(flag, file, kind)
      const uploaded = await this.uploader.upload(
        file,
        actual,
        this.onUploadProgress?.(`${flag} ${String(input.value)}`),
      )
      const to = uploaded.transform?.to
      if (to) {
        const size = `${to.width}x${to.height} (${Math.round(to.bytes / 1024)} KB)`
        this.say?.(`${flag} ${String(input.value)} was resized to ${size} for the upload; the file itself is unchanged`)
      }

      return uploaded
    } finally {
      if (input.form === 'url') removeTempDir(dirname(file)) // a long-lived server (mcp) must not collect them
    }
  }

  private async videoById(id: number): Promise<VideoBundle> {
    const detail = await fetchDetail(this.client, 'video', id)
    const path = detail?.video_path
    if (typeof path !== 'string' || !path)
      throw new CliError(`Video ${id} has no media path (is it finished?)`, {exitCode: ExitCode.General})
    const frame = await this.frameAt({video_id: id})
    return {
      original_video_id: id,
      customer_video_path: path,
      ...(typeof detail.url === 'string' ? {customer_video_url: detail.url} : {}),
      ...(typeof detail.duration === 'number' ? {customer_video_duration: detail.duration} : {}),
      ...(typeof detail.first_frame === 'string' ? {customer_video_first_frame_url: detail.first_frame} : {}),
      ...(typeof frame?.frame_path === 'string' ? {customer_video_first_frame_path: frame.frame_path} : {}),
      source: {
        quality: typeof detail.quality === 'string' ? detail.quality : undefined,
        platform: typeof detail.platform === 'string' ? detail.platform : undefined,
        lastFrame: typeof detail.last_frame === 'string' ? detail.last_frame : undefined,
        firstFrame: typeof detail.first_frame === 'string' ? detail.first_frame : undefined,
      },
    }
  }

  /** Frame look-ups are best effort (docs/protocol.md §3.0): a failure just leaves the fields out. */
  async frameAt(target: Record<string, unknown>, timeMs = 0): Promise<Record<string, unknown> | undefined> {
    try {
      return await this.client.post<Record<string, unknown>>('video/frame/at_time', {...target, time_ms: timeMs})
    } catch {
      return undefined
    }
  }

  async lastFrame(target: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
    try {
      return await this.client.post<Record<string, unknown>>('video/frame/last', {...target, platform: 'web'})
    } catch {
      return undefined
    }
  }
}

function firstFrameFields(frame: Record<string, unknown> | undefined): Partial<VideoBundle> {
  return {
    ...(typeof frame?.frame_url === 'string' ? {customer_video_first_frame_url: frame.frame_url} : {}),
    ...(typeof frame?.frame_path === 'string' ? {customer_video_first_frame_path: frame.frame_path} : {}),
  }
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}
