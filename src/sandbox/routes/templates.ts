/** Template browse and detail (docs/protocol.md §3.13, §3.17) over the seeded set in catalog-data. */
import {ApiError, ERR, type Ctx, type RouteTable, idParam, mediaUrl} from '../http.js'
import {TEMPLATE_CATEGORIES, TEMPLATES, type SeedTemplate} from '../catalog-data.js'

const i18n = (name: string, prompt?: string) =>
  JSON.stringify({
    'en-US': {display_name: name, ...(prompt ? {display_prompt: prompt} : {})},
    en: {display_name: name, ...(prompt ? {display_prompt: prompt} : {})},
  })

function templateResp(t: SeedTemplate, origin: string): Record<string, unknown> {
  const preview =
    t.template_type === 2 ? `static/templates/${t.template_id}.jpg` : `static/templates/${t.template_id}.mp4`
  return {
    template_id: t.template_id,
    display_name: t.display_name,
    display_prompt: t.display_prompt,
    template_type: t.template_type,
    effect_type: t.effect_type,
    supported_features: t.supported_features,
    video_base_cost: t.video_base_cost,
    fixed_cost: t.fixed_cost,
    template_model: t.template_model,
    duration: t.duration,
    i18n_json: i18n(t.display_name, t.display_prompt),
    primary_category_id: 3,
    secondary_category_id: t.category_id,
    tags: t.tags,
    cover_url: mediaUrl(origin, `static/templates/${t.template_id}.jpg`),
    preview_url: mediaUrl(origin, preview),
  }
}

function pageArgs(ctx: Ctx): {limit: number; offset: number} {
  const limit = Math.min(100, Math.max(1, Number(ctx.query.get('limit') ?? 20) || 20))
  const offset = Math.max(0, Number(ctx.query.get('offset') ?? 0) || 0)
  return {limit, offset}
}

export const templateRoutes: RouteTable = {
  'content/categories/secondary': {
    method: 'GET',
    auth: true,
    handler: () =>
      TEMPLATE_CATEGORIES.map((c) => ({id: c.id, category_name: c.category_name, i18n_json: i18n(c.i18n)})),
  },
  'content/template/list': {
    method: 'GET',
    auth: true,
    handler: (ctx: Ctx) => {
      const {limit, offset} = pageArgs(ctx)
      const secondary = ctx.query.get('secondary_category')
      const matching = secondary ? TEMPLATES.filter((t) => String(t.category_id) === secondary) : TEMPLATES
      return {
        data: matching.slice(offset, offset + limit).map((t) => templateResp(t, ctx.origin)),
        total: matching.length,
      }
    },
  },
  'search/web/effect': {
    method: 'GET',
    auth: true,
    handler: (ctx: Ctx) => {
      const words = (ctx.query.get('query_key') ?? '').toLowerCase().split(/\s+/).filter(Boolean)
      const items = TEMPLATES.filter((t) => {
        const hay = `${t.display_name} ${t.display_prompt} ${t.tags.join(' ')}`.toLowerCase()
        return words.length > 0 && words.every((w) => hay.includes(w))
      }).map((t) => templateResp(t, ctx.origin))
      return {items, total: items.length}
    },
  },
  'template/detail': {
    method: 'POST',
    auth: true,
    handler: (ctx: Ctx) => {
      const id = idParam(ctx.body.template_id, 'template_id')
      const t = TEMPLATES.find((x) => x.template_id === id)
      if (!t) throw new ApiError(ERR.notFound, 'Template not found')
      return templateResp(t, ctx.origin)
    },
  },
}
