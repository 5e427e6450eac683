import {statSync} from 'node:fs'

import {classifyAll, optionalFields, required, resolveParams} from './common.js'
import type {CreationSpec} from './types.js'

export interface ReferenceInput {
  images?: string[]
  videos?: string[]
  audios?: string[]
  prompt?: string
  model?: string
  quality?: string
  duration?: number
  'aspect-ratio'?: string
  seed?: number
  count?: number
  audio?: boolean
  'off-peak'?: boolean
}

/**
 * Multi-subject reference, "fusion" (docs/protocol.md §3.11): `video/fusion` with images, and on the models
 * that take them (Seedance) reference videos and audio clips, each checked against the catalogue.
 */
export const referenceCreation: CreationSpec<ReferenceInput> = {
  mode: 'reference',
  async prepare(input, ctx) {
    const images = classifyAll('--images', input.images)
    const videos = classifyAll('--videos', input.videos)
    const audios = classifyAll('--audios', input.audios)
    required(input.prompt, '--prompt', ' (refer to the inputs as @image1, @video1, @audio1)')
    const {model, values, warnings} = await resolveParams(
      'reference',
      input.model,
      {
        quality: input.quality,
        duration: input.duration,
        aspectRatio: input['aspect-ratio'],
        audio: input.audio,
        offPeak: input['off-peak'] || undefined,
        count: input.count,
        imageCount: images.length,
        videoCount: videos.length,
        audioCount: audios.length,
      },
      ctx,
    )
    const {assertMediaInputs} = await import('../catalog/resolve.js')
    // Sizes of local audio files are known now: refuse an oversized clip before uploading anything.
    assertMediaInputs('reference', model, {
      images: images.length,
      videos: videos.map(() => ({})),
      audios: audios.map((a) => (a.form === 'file' ? {bytes: statSync(a.value).size} : {})),
    })
    const prompt = await ctx.text(input.prompt as string)
    return {
      warnings,
      async plan(planCtx) {
        const media = await planCtx.media()
        const imagePaths = await Promise.all(images.map((m) => media.image('--images', m)))
        const bundles = await Promise.all(videos.map((m) => media.video('--videos', m)))
        const clips = await Promise.all(audios.map((m) => media.audio('--audios', m)))
        // Durations are known once the service has the media: check them before submitting.
        assertMediaInputs('reference', model, {
          images: imagePaths.length,
          videos: bundles.map((b) => ({seconds: b.customer_video_duration})),
          audios: clips.map((c) => ({seconds: c.duration})),
        })
        const body: Record<string, unknown> = {
          customer_img_paths: imagePaths,
          prompt,
          model,
          quality: values.quality,
          duration: values.duration,
          create_count: values.count ?? 1,
          ...(values.aspect_ratio ? {aspect_ratio: values.aspect_ratio} : {}),
          ...optionalFields(values, input.seed),
          ...(bundles.length > 0
            ? {
                customer_video_paths: bundles.map((b) => b.customer_video_path),
                customer_video_frame_paths: bundles.map((b) => b.customer_video_first_frame_path ?? ''),
              }
            : {}),
          ...(clips.length > 0 ? {customer_audio_paths: clips.map((c) => c.path)} : {}),
        }
        return {kind: 'video', path: 'video/fusion', body, idempotent: true}
      },
    }
  },
}
