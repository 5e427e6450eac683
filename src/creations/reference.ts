import {statSync} from 'node:fs'

import * as flag from '../base/creation-flags.js'
import * as media from '../base/media-flags.js'
import {classifyAll, optionalFields, resolveParams} from './common.js'
import {defineCreation} from './define.js'

/**
 * Multi-subject reference, "fusion" (docs/protocol.md §3.11): `video/fusion` with images, and on the models
 * that take them (Seedance) reference videos and audio clips, each checked against the catalogue.
 */
export const referenceCreation = defineCreation({
  mode: 'reference',
  flags: {
    images: flag.images({description: 'Reference images. Required'}),
    videos: media.videos({description: 'Reference videos (Seedance 2.0 only)'}),
    audios: media.audios({description: 'Reference audio clips (Seedance 2.0 only; needs an image or video too)'}),
    prompt: flag.prompt({required: true}),
    model: flag.model('reference'),
    quality: flag.quality('reference'),
    duration: flag.duration(),
    'aspect-ratio': flag.aspectRatio('reference'),
    seed: flag.seed(),
    count: flag.count(),
    audio: flag.audio(),
    'off-peak': flag.offPeak(),
    'idempotency-key': flag.idempotencyKey(),
  },
  required: ['images', 'prompt'],
  hints: {prompt: 'refer to the inputs as @image1, @video1, @audio1'},
  async prepare(input, ctx) {
    const images = classifyAll('--images', input.images)
    const videos = classifyAll('--videos', input.videos)
    const audios = classifyAll('--audios', input.audios)
    const {model, values, warnings} = await resolveParams('reference', input, ctx, {
      inputs: {images: images.length, videos: videos.length, audios: audios.length},
    })
    const {assertMediaInputs} = await import('../catalog/media-limits.js')
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
})
