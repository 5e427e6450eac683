/** The library: list, delete, download (docs/protocol.md §3.15, §5.3) and saved folders (§3.19). */
import fs from 'node:fs'
import {ApiError, ERR, type Ctx, type RouteTable, idParam, int, invalidParam, mediaUrl, str} from '../http.js'
import {audioDetail, audioPath, imageDetail, imagePath, videoDetail, videoPath} from '../details.js'
import {fixturePath} from '../media.js'
import {DEFAULT_FOLDER_ID, type Kind, type State} from '../store.js'
import {taskClock} from '../tasks.js'

// asset_type on the wire: 0 image, 1 video, 2 audio; asset_source: 1 created, 0 uploaded.
const TYPE_OF: Record<Kind, number> = {image: 0, video: 1, audio: 2}
const KIND_OF: Record<number, Kind> = {0: 'image', 1: 'video', 2: 'audio'}

function tabKind(tab: unknown): Kind {
  if (tab === 'video' || tab === 1 || tab === '1') return 'video'
  if (tab === 'image' || tab === 0 || tab === '0') return 'image'
  if (tab === 'audio' || tab === 2 || tab === '2') return 'audio'
  throw invalidParam('tab must be video, image or audio')
}

function sourceOf(body: Record<string, unknown>): number {
  const s = int(body, 'asset_source', {min: 0, max: 1})
  return s ?? 1
}

/** One library entry as list and folder endpoints show it, or undefined if gone. */
function assetEntry(
  state: State,
  kind: Kind,
  source: number,
  id: number,
  origin: string,
  now: number,
): Record<string, unknown> | undefined {
  if (source === 1) {
    const task = state.tasks[String(id)]
    if (!task || task.kind !== kind || task.deleted) return undefined
    const base =
      kind === 'video'
        ? videoDetail(task, origin, now)
        : kind === 'image'
          ? imageDetail(task, origin, now)
          : audioDetail(task, origin, now, mp3Size(), 2)
    return {...base, asset_id: task.id, asset_type: TYPE_OF[kind], asset_source: 1}
  }
  const m = state.media[String(id)]
  if (!m || m.kind !== kind || m.deleted) return undefined
  return {
    asset_id: m.id,
    asset_type: TYPE_OF[kind],
    asset_source: 0,
    name: m.name,
    file_name: m.fileName,
    path: m.path,
    url: mediaUrl(origin, m.path),
    size: m.size,
    ...(m.duration !== undefined ? {duration: m.duration} : {}),
    created_at: new Date(m.createdAt).toISOString(),
  }
}

let mp3Bytes: number | undefined
const mp3Size = () => (mp3Bytes ??= fs.statSync(fixturePath('mp3')).size)

function allAssets(state: State, kind: Kind, source: number): Array<{id: number; createdAt: number; offPeak: number}> {
  if (source === 1) {
    return Object.values(state.tasks)
      .filter((t) => t.kind === kind && !t.deleted)
      .map((t) => ({id: t.id, createdAt: t.createdAt, offPeak: t.offPeak}))
  }
  return Object.values(state.media)
    .filter((m) => m.kind === kind && !m.deleted)
    .map((m) => ({id: m.id, createdAt: m.createdAt, offPeak: 0}))
}

function items(body: Record<string, unknown>): Array<Record<string, unknown>> {
  const list = body.items
  if (!Array.isArray(list) || list.length === 0 || list.some((i) => !i || typeof i !== 'object'))
    throw invalidParam('items must be a non-empty array of objects')
  return list as Array<Record<string, unknown>>
}

function itemRef(item: Record<string, unknown>): {id: number; kind: Kind; source: number} {
  const id = idParam(item.asset_id, 'asset_id')
  const type = int(item, 'asset_type', {required: true, min: 0, max: 2})!
  return {id, kind: KIND_OF[type], source: int(item, 'asset_source', {min: 0, max: 1}) ?? 1}
}

function folderOf(state: State, raw: unknown): State['folders'][string] {
  const id = idParam(raw, 'folder_id')
  const folder = state.folders[String(id)]
  if (!folder) throw new ApiError(ERR.notFound, `Folder ${id} not found`)
  return folder
}

export const assetRoutes: RouteTable = {
  'asset/library/list': {
    method: 'POST',
    auth: true,
    handler: (ctx: Ctx) => {
      const kind = tabKind(ctx.body.tab)
      const source = sourceOf(ctx.body)
      const offset = int(ctx.body, 'offset', {min: 0}) ?? 0
      const limit = int(ctx.body, 'limit', {min: 1, max: kind === 'audio' ? 50 : 100}) ?? 20
      const filter = (ctx.body.filter ?? {}) as Record<string, unknown>
      const ascending = ctx.body.sort_type === 'Asc'
      return ctx.store.read((state) => {
        const all = allAssets(state, kind, source)
          .filter((a) => !(filter.off_peak === 1 || filter.off_peak === true) || a.offPeak === 1)
          .sort((a, b) =>
            ascending ? a.createdAt - b.createdAt || a.id - b.id : b.createdAt - a.createdAt || b.id - a.id,
          )
        const data = all
          .slice(offset, offset + limit)
          .map((a) => assetEntry(state, kind, source, a.id, ctx.origin, ctx.now)!)
        const hasMore = offset + data.length < all.length
        return {
          data,
          total: all.length,
          has_more: hasMore,
          ...(kind === 'audio' ? {next_offset: offset + data.length} : {}),
        }
      })
    },
  },
  'asset/library/delete': {
    method: 'POST',
    auth: true,
    handler: (ctx: Ctx) => {
      const refs = items(ctx.body).map(itemRef)
      return ctx.store.update((state) => {
        const deleted: number[] = []
        const failed: number[] = []
        for (const ref of refs) {
          const record = ref.source === 1 ? state.tasks[String(ref.id)] : state.media[String(ref.id)]
          if (!record || record.kind !== ref.kind || record.deleted) {
            failed.push(ref.id)
            continue
          }
          record.deleted = true
          deleted.push(ref.id)
          for (const f of Object.values(state.folders)) f.items = f.items.filter((i) => i.asset_id !== ref.id)
        }
        if (deleted.length === 0) throw new ApiError(ERR.notFound, 'Asset not found')
        return {success_ids: deleted, fail_ids: failed}
      })
    },
  },
  'asset/download': {
    method: 'POST',
    auth: true,
    handler: (ctx: Ctx) => {
      const ref = itemRef(items(ctx.body)[0])
      return ctx.store.read((state) => {
        if (ref.source === 0) {
          const m = state.media[String(ref.id)]
          if (!m || m.kind !== ref.kind || m.deleted) throw new ApiError(ERR.notFound, 'Asset not found')
          return {url: mediaUrl(ctx.origin, m.path), download_name: m.fileName || m.name}
        }
        const task = state.tasks[String(ref.id)]
        if (!task || task.kind !== ref.kind || task.deleted) throw new ApiError(ERR.notFound, 'Asset not found')
        if (taskClock(task, ctx.now).status !== 1) throw new ApiError(ERR.notReady, 'Asset is not ready for download')
        const p =
          ref.kind === 'video' ? videoPath(task.id) : ref.kind === 'image' ? imagePath(task.id) : audioPath(task.id)
        const ext = p.slice(p.lastIndexOf('.'))
        const stem =
          (task.prompt || task.mode)
            .replace(/\[sandbox:[^\]]*\]/g, '')
            .trim()
            .slice(0, 40) || `pixverse_${ref.kind}_${task.id}`
        return {url: mediaUrl(ctx.origin, p), download_name: `${stem}${ext}`}
      })
    },
  },
  'asset/folder/list': {
    method: 'GET',
    auth: true,
    handler: (ctx: Ctx) =>
      ctx.store.read((state) => {
        const asc = ctx.query.get('sort_order') === 'asc'
        const folders = Object.values(state.folders)
          .sort(
            (a, b) => (asc ? a.created_at - b.created_at : b.created_at - a.created_at) || a.folder_id - b.folder_id,
          )
          .map((f) => ({
            folder_id: f.folder_id,
            name: f.name,
            asset_count: f.items.length,
            created_at: new Date(f.created_at).toISOString(),
            is_default: f.folder_id === DEFAULT_FOLDER_ID,
          }))
        return {folders, total: folders.length}
      }),
  },
  'asset/folder/create': {
    method: 'POST',
    auth: true,
    handler: (ctx: Ctx) => {
      const name = str(ctx.body, 'name', {required: true, nonEmpty: true})!.trim()
      if (name.length > 50) throw invalidParam('name must be at most 50 characters')
      return ctx.store.update((state) => {
        if (Object.values(state.folders).some((f) => f.name === name))
          throw invalidParam(`a folder named "${name}" already exists`)
        const id = state.nextId++
        state.folders[String(id)] = {folder_id: id, name, created_at: ctx.now, items: []}
        return {folder_id: id, name, created_at: new Date(ctx.now).toISOString()}
      })
    },
  },
  'asset/folder/rename': {
    method: 'POST',
    auth: true,
    handler: (ctx: Ctx) => {
      const name = str(ctx.body, 'name', {required: true, nonEmpty: true})!.trim()
      return ctx.store.update((state) => {
        const folder = folderOf(state, ctx.body.folder_id)
        if (folder.folder_id === DEFAULT_FOLDER_ID) throw invalidParam('the default folder cannot be renamed')
        folder.name = name
        return {folder_id: folder.folder_id, name}
      })
    },
  },
  'asset/folder/delete': {
    method: 'POST',
    auth: true,
    handler: (ctx: Ctx) => {
      const ids = ctx.body.folder_ids
      if (!Array.isArray(ids) || ids.length === 0) throw invalidParam('folder_ids must be a non-empty array')
      return ctx.store.update((state) => {
        const folders = ids.map((raw) => folderOf(state, raw))
        if (folders.some((f) => f.folder_id === DEFAULT_FOLDER_ID))
          throw invalidParam('the default folder cannot be deleted')
        for (const f of folders) delete state.folders[String(f.folder_id)]
        return {deleted_ids: folders.map((f) => f.folder_id)}
      })
    },
  },
  'asset/folder/item/list': {
    method: 'POST',
    auth: true,
    handler: (ctx: Ctx) => {
      const type = int(ctx.body, 'asset_type', {min: -1, max: 2}) ?? -1
      const source = int(ctx.body, 'asset_source', {min: -1, max: 1})
      const offset = int(ctx.body, 'offset', {min: 0}) ?? 0
      const limit = int(ctx.body, 'limit', {min: 1, max: 100}) ?? 20
      return ctx.store.read((state) => {
        const folder = folderOf(state, ctx.body.folder_id)
        const entries = folder.items
          .filter(
            (i) =>
              (type === -1 || i.asset_type === type) &&
              (source === undefined || source === -1 || i.asset_source === source),
          )
          .sort((a, b) => b.added_at - a.added_at)
          .map((i) => assetEntry(state, KIND_OF[i.asset_type], i.asset_source, i.asset_id, ctx.origin, ctx.now))
          .filter((e): e is Record<string, unknown> => e !== undefined)
        const data = entries.slice(offset, offset + limit)
        return {data, total: entries.length, has_more: offset + data.length < entries.length}
      })
    },
  },
  'asset/folder/item/add': {
    method: 'POST',
    auth: true,
    handler: (ctx: Ctx) => {
      const list = items(ctx.body)
      return ctx.store.update((state) => {
        const added: number[] = []
        for (const item of list) {
          const ref = itemRef(item)
          const folder = folderOf(state, item.folder_id ?? ctx.body.folder_id ?? DEFAULT_FOLDER_ID)
          if (!assetEntry(state, ref.kind, ref.source, ref.id, ctx.origin, ctx.now))
            throw new ApiError(ERR.notFound, `Asset ${ref.id} not found`)
          if (!folder.items.some((i) => i.asset_id === ref.id)) {
            folder.items.push({
              asset_id: ref.id,
              asset_type: TYPE_OF[ref.kind],
              asset_source: ref.source,
              added_at: ctx.now,
            })
          }
          added.push(ref.id)
        }
        return {added_ids: added}
      })
    },
  },
  'asset/folder/item/delete': {
    method: 'POST',
    auth: true,
    handler: (ctx: Ctx) => {
      const list = items(ctx.body)
      return ctx.store.update((state) => {
        const removed: number[] = []
        for (const item of list) {
          const ref = itemRef(item)
          const folder = folderOf(state, item.folder_id ?? ctx.body.folder_id ?? DEFAULT_FOLDER_ID)
          const before = folder.items.length
          folder.items = folder.items.filter((i) => i.asset_id !== ref.id)
          if (folder.items.length < before) removed.push(ref.id)
        }
        return {removed_ids: removed}
      })
    },
  },
}
