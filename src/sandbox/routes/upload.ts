/** Upload credentials and registration of uploaded objects (docs/protocol.md §5.1). */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import {ApiError, ERR, type Ctx, type RouteTable, int, invalidParam, mediaUrl, str} from '../http.js'
import {mediaDuration} from '../media.js'
import {objectFile} from '../oss.js'
import {Store, type RegisteredMedia} from '../store.js'

const STS_SECONDS = 3600

export function mediaResp(m: RegisteredMedia, origin: string): Record<string, unknown> {
  return {
    id: m.id,
    name: m.name,
    path: m.path,
    url: mediaUrl(origin, m.path),
    size: m.size,
    type: m.kind === 'video' ? 1 : m.kind === 'audio' ? 2 : 0,
    file_name: m.fileName,
    ...(m.duration !== undefined ? {duration: m.duration} : {}),
  }
}

export const uploadRoutes: RouteTable = {
  getUploadToken: {
    method: 'POST',
    auth: true,
    handler: (ctx: Ctx) =>
      ctx.store.update((state) => {
        for (const [ak, c] of Object.entries(state.sts)) if (c.expiresAt < ctx.now) delete state.sts[ak]
        const ak = `STS.${crypto.randomBytes(12).toString('base64url')}`
        const sk = crypto.randomBytes(24).toString('base64url')
        const token = crypto.randomBytes(48).toString('base64')
        const expiresAt = ctx.now + STS_SECONDS * 1000
        state.sts[ak] = {secret: sk, token, expiresAt}
        return {
          Ak: ak,
          Sk: sk,
          Token: token,
          // No bucket or endpoint: clients PUT to the one OSS host they know (docs/protocol.md §9).
          Expiration: new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        }
      }),
  },
  'media/batch_upload_media': {
    method: 'POST',
    auth: true,
    handler: (ctx: Ctx) => {
      const images = ctx.body.images
      if (!Array.isArray(images) || images.length === 0) throw invalidParam('images must be a non-empty array')
      const items = images.map((raw, i) => {
        if (!raw || typeof raw !== 'object') throw invalidParam(`images[${i}] must be an object`)
        const item = raw as Record<string, unknown>
        return {
          name: str(item, 'name') ?? '',
          path: str(item, 'path', {required: true, nonEmpty: true})!,
          size: int(item, 'size', {min: 0}) ?? 0,
          fileName: str(item, 'fileName') ?? str(item, 'name') ?? '',
        }
      })
      return ctx.store.update((state) => ({
        result: items.map((item) => {
          const object = state.objects[item.path]
          if (!object)
            return {name: item.name, path: item.path, size: item.size, err_msg: `object ${item.path} was not uploaded`}
          const media: RegisteredMedia = {
            id: Store.nextId(state),
            kind: 'image',
            path: item.path,
            name: item.name || path.posix.basename(item.path),
            fileName: item.fileName,
            size: object.size,
            createdAt: ctx.now,
          }
          state.media[String(media.id)] = media
          const {type: _type, file_name: _fileName, ...resp} = mediaResp(media, ctx.origin)
          return resp
        }),
      }))
    },
  },
  'media/upload': {
    method: 'POST',
    auth: true,
    handler: async (ctx: Ctx) => {
      const objectPath = str(ctx.body, 'path', {required: true, nonEmpty: true})!
      const type = int(ctx.body, 'type', {required: true, min: 1, max: 2})!
      const name = str(ctx.body, 'name') ?? path.posix.basename(objectPath)
      const fileName = str(ctx.body, 'file_name') ?? name
      const object = await ctx.store.read((s) => s.objects[objectPath])
      if (!object) throw new ApiError(ERR.uploadMissing, `Uploaded object not found: ${objectPath}`)
      // Parse the duration outside the lock: reading a 50 MB file must not stall other requests.
      let duration: number | undefined
      try {
        const d = mediaDuration(fs.readFileSync(objectFile(ctx.store, objectPath)), objectPath)
        if (d !== undefined && Number.isFinite(d)) duration = Math.round(d * 1000) / 1000
      } catch {
        duration = undefined
      }
      return ctx.store.update((state) => {
        const media: RegisteredMedia = {
          id: Store.nextId(state),
          kind: type === 1 ? 'video' : 'audio',
          path: objectPath,
          name,
          fileName,
          size: object.size,
          duration,
          createdAt: ctx.now,
        }
        state.media[String(media.id)] = media
        const {size: _size, name: _name, file_name: _file, ...resp} = mediaResp(media, ctx.origin)
        return resp
      })
    },
  },
}
