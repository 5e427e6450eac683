import {appendFileSync} from 'node:fs'

/**
 * Listens to the core `task-finished` event and appends one line per finished task to the file
 * named by PIXVERSE_HELLO_LOG. Hooks run inside the command: never write to stdout (it carries
 * the JSON result) and keep them fast.
 *
 * @param {import('pixverse').TaskFinishedEvent} event
 */
export default async function logFinishedTask(event) {
  const file = process.env.PIXVERSE_HELLO_LOG
  if (!file) return
  appendFileSync(file, `${event.kind} ${event.id} ${event.status} ${event.statusCode}\n`)
}
