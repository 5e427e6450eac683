/** Image generation, detail and download (docs/protocol.md §3.2, §4.5, §5.3). */
import {IMAGE_QUALITIES} from '../catalog-data.js'
import {type Ctx, type RouteTable, invalidParam, isMediaPath, str, strArray} from '../http.js'
import {imageResp, submit, type Prepared} from '../creations.js'
import {imageDetail, imagePath} from '../details.js'
import {imageCost} from '../tasks.js'
import {detailRoute, downloadRoute} from './task-routes.js'

const QUALITIES = IMAGE_QUALITIES

function image(body: Record<string, unknown>, promptRequired: boolean): Prepared {
  const prompt = str(body, 'prompt', {required: promptRequired, nonEmpty: promptRequired}) ?? ''
  const model = str(body, 'model', {required: true, nonEmpty: true})!
  const quality = str(body, 'quality') ?? '1080p'
  if (!QUALITIES.includes(quality)) throw invalidParam(`quality "${quality}" is not one of ${QUALITIES.join(', ')}`)
  const aspectRatio = str(body, 'aspect_ratio') ?? '1:1'
  if (aspectRatio !== 'auto' && !/^\d+:\d+$/.test(aspectRatio))
    throw invalidParam(`aspect_ratio "${aspectRatio}" must look like 16:9 or be auto`)
  const mode = body.template_id === undefined ? 'create_image' : 'effect'
  return {
    kind: 'image',
    mode,
    prompt,
    model,
    quality,
    duration: 0,
    aspectRatio: aspectRatio === 'auto' ? '1:1' : aspectRatio,
    costEach: imageCost(quality),
  }
}

export const imageRoutes: RouteTable = {
  'image/t2i': {
    method: 'POST',
    auth: true,
    handler: (ctx: Ctx) => submit(ctx, 'image/t2i', image(ctx.body, true), imageResp),
  },
  'image/i2i': {
    method: 'POST',
    auth: true,
    handler: (ctx: Ctx) => {
      const paths =
        strArray(ctx.body, 'customer_img_paths', {required: ctx.body.customer_img_urls === undefined, min: 1}) ?? []
      const bad = paths.find((p) => !isMediaPath(p))
      if (bad) throw invalidParam(`customer_img_paths item "${bad}" is not a media path (upload the file first)`)
      // Image templates send no prompt (docs/protocol.md §3.13), so i2i does not require one.
      return submit(ctx, 'image/i2i', image(ctx.body, false), imageResp)
    },
  },
  'image/detail': detailRoute('image', imageDetail),
  'image/download': downloadRoute('image', imagePath),
}
