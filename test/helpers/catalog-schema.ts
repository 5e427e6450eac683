/**
 * The cross-reference checks of `models.json` a schema cannot express (every default model is in
 * its mode's whitelist, every default is allowed for it, …). The schema itself is
 * src/catalog/schema.ts, typed by the data's types.
 */

// ---------------------------------------------------------------------------------------------
// Cross-reference checks

type Json = Record<string, any>

function expand(d: Json | number[] | undefined): number[] {
  if (d === undefined) return []
  if (Array.isArray(d)) return d
  const out: number[] = []
  for (let i = d.min; i <= d.max; i++) out.push(i)
  return out
}

/**
 * Everything the schema cannot say. Returns one line per problem (empty = consistent).
 * Takes the parsed models.json (already valid against `catalogSchema`).
 */
export function checkCatalogReferences(catalog: Json): string[] {
  const problems: string[] = []
  const qTokens: string[] = catalog.tokens.qualities
  const aTokens: string[] = catalog.tokens.aspect_ratios
  const tables: Record<string, Json> = {
    video: catalog.video_models,
    image: catalog.image_models,
    voice: catalog.voice_models,
    music: catalog.music_models,
  }

  // Model ids are unique across tables (displayName() looks them up by id alone).
  const seen = new Map<string, string>()
  for (const [kind, table] of Object.entries(tables)) {
    for (const id of Object.keys(table)) {
      if (seen.has(id)) problems.push(`model "${id}" is in both ${seen.get(id)}_models and ${kind}_models`)
      seen.set(id, kind)
    }
  }

  const checkTokens = (where: string, qualities?: string[], aspects?: string[]) => {
    for (const q of qualities ?? [])
      if (!qTokens.includes(q)) problems.push(`${where}: quality "${q}" is not a quality token`)
    for (const a of aspects ?? [])
      if (!aTokens.includes(a)) problems.push(`${where}: aspect ratio "${a}" is not an aspect-ratio token`)
  }

  for (const [id, m] of Object.entries(catalog.video_models as Json)) {
    checkTokens(`video model ${id}`, m.qualities, m.aspect_ratios)
    const ds = expand(m.durations)
    if (Array.isArray(m.durations) && m.durations.some((d: number, i: number) => i > 0 && d <= m.durations[i - 1])) {
      problems.push(`video model ${id}: durations must be ascending`)
    }
    if (!Array.isArray(m.durations) && m.durations.min > m.durations.max)
      problems.push(`video model ${id}: durations min > max`)
    if (m.default_duration !== undefined && !ds.includes(m.default_duration)) {
      problems.push(`video model ${id}: default_duration ${m.default_duration} is not an allowed duration`)
    }
    if (m.aspect_ratios.length === 0 && !m.aspect_ratio_from_image) {
      problems.push(`video model ${id}: no aspect ratios and aspect_ratio_from_image is not set`)
    }
  }

  for (const [id, m] of Object.entries(catalog.image_models as Json)) {
    checkTokens(`image model ${id}`, m.qualities, m.aspect_ratios)
    if (m.detail_level && !m.detail_level.values.includes(m.detail_level.default)) {
      problems.push(`image model ${id}: detail_level default "${m.detail_level.default}" is not one of its values`)
    }
  }

  for (const [id, m] of Object.entries(catalog.voice_models as Json)) {
    const provider = catalog.voice_providers[m.provider]
    if (!provider) {
      problems.push(`voice model ${id}: unknown provider "${m.provider}"`)
      continue
    }
    for (const p of m.params)
      if (!(p in provider.params)) problems.push(`voice model ${id}: "${p}" is not a ${m.provider} parameter`)
  }

  for (const [pid, provider] of Object.entries(catalog.voice_providers as Json)) {
    for (const [name, p] of Object.entries(provider.params as Json)) {
      const where = `voice provider ${pid} param ${name}`
      if ((p.type === 'number' || p.type === 'integer') && (p.minimum === undefined || p.maximum === undefined)) {
        problems.push(`${where}: numbers need minimum and maximum`)
      }
      if ((p.type === 'number' || p.type === 'integer') && (p.default < p.minimum || p.default > p.maximum)) {
        problems.push(`${where}: default out of range`)
      }
      if (p.type === 'string' && !(p.enum ?? []).includes(p.default)) problems.push(`${where}: default not in enum`)
      if (p.type === 'boolean' && typeof p.default !== 'boolean') problems.push(`${where}: default must be a boolean`)
    }
  }

  for (const [id, m] of Object.entries(catalog.music_models as Json)) {
    if (m.duration_seconds.min > m.duration_seconds.max) problems.push(`music model ${id}: duration_seconds min > max`)
  }

  const fallbackFor = (kind: string) => (kind === 'image' ? catalog.fallbacks.image : catalog.fallbacks.video)

  for (const [name, mode] of Object.entries(catalog.modes as Json)) {
    const where = `mode ${name}`
    const table = tables[mode.kind]
    const d = mode.defaults
    if (mode.models.length === 0) {
      if (mode.default_model !== null) problems.push(`${where}: default_model without a model list`)
      if (d.model !== undefined) problems.push(`${where}: defaults.model without a model list`)
      if (mode.params.includes('quality') && !mode.qualities)
        problems.push(`${where}: takes quality but lists no qualities`)
    } else {
      if (!mode.models.includes(mode.default_model))
        problems.push(`${where}: default model "${mode.default_model}" is not in its whitelist`)
      if (d.model !== undefined && d.model !== mode.default_model)
        problems.push(`${where}: defaults.model differs from default_model`)
    }
    for (const id of mode.models)
      if (!(id in table)) problems.push(`${where}: model "${id}" is not in ${mode.kind}_models`)
    for (const id of Object.keys(mode.overrides ?? {}))
      if (!mode.models.includes(id)) problems.push(`${where}: override for "${id}", which is not in the whitelist`)
    checkTokens(where, mode.qualities, mode.aspect_ratios)

    // Every defaulted parameter is one the mode takes.
    for (const key of ['quality', 'duration', 'aspect_ratio', 'audio', 'multi_shot', 'off_peak', 'count']) {
      if (d[key] !== undefined && !mode.params.includes(key))
        problems.push(`${where}: default for "${key}", which the mode does not take`)
    }
    if (d.count !== undefined && (d.count < catalog.count.min || d.count > catalog.count.max))
      problems.push(`${where}: default count out of range`)

    // Input limits: min <= max; requires_one_of names other inputs of the mode.
    const inputNames = Object.keys(mode.inputs ?? {})
    for (const [input, lim] of Object.entries((mode.inputs ?? {}) as Json)) {
      if (lim.min !== undefined && lim.max !== undefined && lim.min > lim.max)
        problems.push(`${where}: input ${input} min > max`)
      for (const other of lim.requires_one_of ?? [])
        if (!inputNames.includes(other)) problems.push(`${where}: input ${input} requires unknown input "${other}"`)
    }

    if (mode.kind !== 'video' && mode.kind !== 'image') continue
    const fb = fallbackFor(mode.kind)
    const defaultModel = mode.default_model
      ? {...table[mode.default_model], ...mode.overrides?.[mode.default_model]}
      : undefined
    const qualities: string[] = defaultModel?.qualities ?? mode.qualities ?? []
    const aspects: string[] = defaultModel?.aspect_ratios ?? mode.aspect_ratios ?? []
    if (d.quality !== undefined && !qualities.includes(d.quality))
      problems.push(`${where}: default quality "${d.quality}" is not allowed for its default model`)
    if (d.aspect_ratio !== undefined && !aspects.includes(d.aspect_ratio))
      problems.push(`${where}: default aspect ratio "${d.aspect_ratio}" is not allowed for its default model`)
    const ds = expand(defaultModel?.durations ?? mode.durations)
    if (d.duration !== undefined && !ds.includes(d.duration))
      problems.push(`${where}: default duration ${d.duration} is not allowed for its default model`)
    if (d.audio === true && defaultModel && defaultModel.audio === 'none')
      problems.push(`${where}: default audio on, but the default model has none`)
    if (d.multi_shot === true && defaultModel && !defaultModel.multi_shot)
      problems.push(`${where}: default multi-shot on, but the default model has none`)
    if (!qTokens.includes(fb.quality) || !aTokens.includes(fb.aspect_ratio))
      problems.push(`${where}: fallback is not a token`)
    if (mode.kind === 'image') {
      for (const id of mode.models)
        if (!table[id].inputs?.images) problems.push(`${where}: image model "${id}" has no images input limit`)
    }
  }
  return problems
}
