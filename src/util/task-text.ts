import {dim, statusWord} from './colour.js'
import {relativeTime} from './relative-time.js'
import {renderTable} from './table.js'

type View = Record<string, unknown>

const isDone = (status: unknown) => /^completed$/i.test(String(status))
const isFailed = (view: View) =>
  view.error !== undefined || /fail|reject|moderat|sensitive|unknown/i.test(String(view.status))
const mediaUrl = (view: View) => view.video_url ?? view.image_url ?? view.audio_url

/**
 * One task for a person: what it is and where it stands on one line, its prompt and media URL,
 * then the command to run next (download it, or wait for it). `task status` and `task wait` share it.
 */
export function taskText(view: View, bin: string): string {
  const head = [
    `${view.type} ${view.id}`,
    statusWord(String(view.status)),
    view.model,
    view.created_at ? relativeTime(view.created_at) : undefined,
  ]
  const lines = [head.filter((part) => part !== undefined && part !== null).join(' · ')]
  if (typeof view.prompt === 'string' && view.prompt) lines.push(dim(`  ${oneLine(view.prompt)}`))
  if (mediaUrl(view)) lines.push(`  ${String(mediaUrl(view))}`)
  lines.push(...nextSteps([view], bin))
  return lines.join('\n')
}

/** Several tasks, in the order the user gave them: a table, then the next commands for the lot. */
export function tasksText(views: View[], bin: string): string {
  const rows = views.map((view) => ({
    ...view,
    status: view.error === undefined ? statusWord(String(view.status)) : `error: ${view.error}`,
  }))
  return [renderTable(rows, ['id', 'type', 'status', 'model', 'created_at', 'prompt']), ...nextSteps(views, bin)].join(
    '\n',
  )
}

function nextSteps(views: View[], bin: string): string[] {
  const type = (view: View) => (view.type === 'video' || view.type === undefined ? '' : ` --type ${view.type}`)
  const steps: string[] = []
  for (const view of views) {
    if (view.error !== undefined) continue
    if (isDone(view.status)) steps.push(`Download: ${bin} asset download ${view.id}`)
    else if (!isFailed(view)) steps.push(`Wait:     ${bin} task wait ${view.id}${type(view)}`)
  }

  return steps
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim()
