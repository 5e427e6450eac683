/** What the video and image endpoints share: finding a task, and its detail and download routes (docs/protocol.md §3.14, §4.5). */
import {ApiError, ERR, type Route, idParam, mediaUrl} from '../http.js'
import type {State, Task} from '../store.js'
import {taskClock} from '../tasks.js'

export function findTask(state: State, id: number, kind: Task['kind']): Task {
  const task = state.tasks[String(id)]
  if (!task || task.kind !== kind || task.deleted) throw new ApiError(ERR.notFound, 'Task not found')
  return task
}

type Visual = 'video' | 'image'
const ID_FIELD: Record<Visual, string> = {video: 'video_id', image: 'image_id'}
const NOUN: Record<Visual, string> = {video: 'Video', image: 'Image'}

/** `<kind>/…detail`: the task's detail object, as the service builds it for that kind. */
export function detailRoute(kind: Visual, detail: (task: Task, origin: string, now: number) => unknown): Route {
  return {
    method: 'POST',
    auth: true,
    handler: (ctx) => {
      const id = idParam(ctx.body[ID_FIELD[kind]], ID_FIELD[kind])
      return ctx.store.read((s) => detail(findTask(s, id, kind), ctx.origin, ctx.now))
    },
  }
}

/** `<kind>/download`: a media URL once the task has succeeded, 400018 before. */
export function downloadRoute(kind: Visual, mediaPath: (id: number) => string): Route {
  return {
    method: 'POST',
    auth: true,
    handler: (ctx) => {
      const id = idParam(ctx.body[ID_FIELD[kind]], ID_FIELD[kind])
      return ctx.store.read((s) => {
        const task = findTask(s, id, kind)
        if (taskClock(task, ctx.now).status !== 1)
          throw new ApiError(ERR.notReady, `${NOUN[kind]} is not ready for download`)
        return {url: mediaUrl(ctx.origin, mediaPath(id))}
      })
    },
  }
}
