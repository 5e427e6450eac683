import type {IOStreams} from '../context/streams.js'
import {terminalText} from '../util/terminal-text.js'
import {asking} from './cancel.js'
import type {MediaAsk} from './media-question.js'
import {promptContext} from './prompt-io.js'
import type {WizardService} from './service.js'

/** What `template/detail` says about a template (docs/protocol.md §3.13): what it takes and what it makes. */
interface TemplateDetail {
  template_id?: number
  display_name?: string
  display_prompt?: string
  template_type?: number
  effect_type?: number
  supported_features?: number
  duration?: number
}

type Listed = Record<string, unknown> & {template_id?: number; display_name?: string; template_type?: number}

export interface PickedTemplate {
  argv: string[]
  summary: [string, string][]
  /** An image template makes an image: no duration. */
  isImage: boolean
  hasImage: boolean
}

/**
 * Finds a template the way a person does (a search, or a category to browse), then asks for exactly
 * the inputs that template takes: none, N images, or one image or one video (docs/protocol.md §3.13).
 */
export async function pickTemplate(service: WizardService, ask: MediaAsk, streams: IOStreams): Promise<PickedTemplate> {
  const {input, select} = await import('@inquirer/prompts')
  const io = () => promptContext(streams)
  let chosen: number | undefined
  while (chosen === undefined) {
    const words = (
      await asking(() => input({message: 'Find a template (words to search; empty to browse by category):'}, io()))
    ).trim()
    const found = words === '' ? await browse(service, select, streams) : await search(service, words)
    if (found.length === 0) {
      streams.stderr.write(
        `No template matches "${terminalText(words)}"; try other words, or leave it empty to browse.\n`,
      )
      continue
    }

    chosen = await asking(() =>
      select(
        {
          message: 'Template',
          choices: found.map((t) => ({
            value: Number(t.template_id),
            name: `${terminalText(String(t.display_name ?? ''))}  (${t.template_type === 2 ? 'image' : 'video'}, id ${t.template_id})`,
          })),
          pageSize: 12,
        },
        io(),
      ),
    )
  }

  const detail = await service.post<TemplateDetail>('template/detail', {template_id: chosen})
  const effect = Number(detail?.effect_type ?? 0)
  const takesVideo = effect === 1 && Number(detail?.supported_features) === 1000
  const isImage = Number(detail?.template_type) === 2
  const argv = ['--template-id', String(chosen)]
  const summary: [string, string][] = [
    [
      'template',
      `${terminalText(String(detail?.display_name ?? ''))} (${chosen}, ${isImage ? 'makes an image' : 'makes a video'})`,
    ],
  ]
  if (detail?.display_prompt) streams.stderr.write(`  Its prompt: ${terminalText(String(detail.display_prompt))}\n`)

  let kind: 'image' | 'video' = 'image'
  if (takesVideo) {
    kind = await asking(() =>
      select(
        {
          message: 'This template takes one image or one video',
          choices: [
            {value: 'image' as const, name: 'An image'},
            {value: 'video' as const, name: 'A video'},
          ],
        },
        io(),
      ),
    )
  }

  const count = takesVideo ? 1 : effect
  const values: string[] = []
  for (let n = 1; n <= count; n++)
    values.push(
      await ask({flag: kind, kind, label: count > 1 ? `${cap(kind)} ${n} of ${count}` : cap(kind), optional: false}),
    )
  for (const value of values) argv.push(`--${kind}`, value)
  if (values.length > 0) summary.push([kind, values.join(', ')])
  return {argv, summary, isImage, hasImage: kind === 'image' && values.length > 0}
}

async function search(service: WizardService, words: string): Promise<Listed[]> {
  const found = await service.get<{items?: Listed[]}>('search/web/effect', {query_key: words})
  return found?.items ?? []
}

async function browse(
  service: WizardService,
  select: typeof import('@inquirer/prompts').select,
  streams: IOStreams,
): Promise<Listed[]> {
  const categories = await service.get<Array<{id: number; category_name?: string}>>('content/categories/secondary', {
    primary_category_id: 3,
    platform: 'web',
  })
  const list = Array.isArray(categories) ? categories : []
  if (list.length === 0) return []
  const category = await asking(() =>
    select(
      {
        message: 'Category',
        choices: list.map((c) => ({value: c.id, name: terminalText(String(c.category_name ?? c.id))})),
        pageSize: 12,
      },
      promptContext(streams),
    ),
  )
  const page = await service.get<{data?: Listed[]}>('content/template/list', {
    primary_category: 3,
    platform: 'web',
    limit: 50,
    offset: 0,
    secondary_category: category,
  })
  return page?.data ?? []
}

function cap(text: string): string {
  return text[0].toUpperCase() + text.slice(1)
}
