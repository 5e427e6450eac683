import {renameSync, writeFileSync} from 'node:fs'
import {join, relative, sep} from 'node:path'

import type {CheckedPipeline} from './check.js'
import type {StepOutcome} from './engine.js'
import type {PipelineState} from './state.js'

/**
 * Writes report.html into the output folder: each step's inputs, prompt, model, parameters,
 * credits, time, status and media. Self-contained: inline style, no script, relative links only,
 * so it opens from disk (or from a copied folder) with no network.
 */
export function writeReport(
  outDir: string,
  pipeline: CheckedPipeline,
  state: PipelineState,
  outcomes: StepOutcome[],
): string {
  const file = join(outDir, 'report.html')
  const rows = outcomes.map((outcome) => stepSection(outDir, pipeline, state, outcome)).join('\n')
  const credits = outcomes.reduce((sum, o) => sum + o.credits, 0)
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'">
<title>${escape(pipeline.definition.name)} · pixverse pipeline</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#222}
section{border:1px solid #ddd;border-radius:8px;padding:1rem;margin:1rem 0}
h2{margin:.2rem 0;font-size:1.1rem} .status{font-weight:600;padding:.1rem .4rem;border-radius:4px}
.completed{background:#e3f6e3}.failed{background:#fde2e2}.blocked,.interrupted{background:#eee}
table{border-collapse:collapse} td,th{text-align:left;padding:.15rem .6rem .15rem 0;vertical-align:top}
.media{display:flex;flex-wrap:wrap;gap:.6rem;margin-top:.6rem} video,img{max-width:22rem;max-height:14rem;border-radius:4px;background:#000}
code{font-size:12px}
</style></head>
<body>
<h1>${escape(pipeline.definition.name)}</h1>
<p>${escape(pipeline.definition.description)}</p>
<p>${outcomes.filter((o) => o.status === 'completed').length} of ${outcomes.length} steps completed · ${credits} credits · variables: ${escape(JSON.stringify(pipeline.vars))}</p>
${rows}
</body></html>
`
  const temporary = `${file}.part`
  writeFileSync(temporary, html, {mode: 0o644})
  renameSync(temporary, file)
  return file
}

function stepSection(outDir: string, pipeline: CheckedPipeline, state: PipelineState, outcome: StepOutcome): string {
  const step = pipeline.steps.find((s) => s.def.id === outcome.id)
  const stored = state.get(outcome.id)
  const inputs = stored?.units?.map((unit) => unit.input ?? {}) ?? (stored?.input ? [stored.input] : [])
  const first = inputs[0] ?? {}
  const facts: Array<[string, unknown]> = [
    [
      'status',
      `<span class="status ${outcome.status}">${escape(outcome.status)}${outcome.resumed ? ' (earlier run)' : ''}</span>`,
    ],
    ['mode', escape(outcome.mode)],
    ...(typeof first.prompt === 'string' ? [['prompt', escape(first.prompt)] as [string, unknown]] : []),
    ...(step?.model ? [['model', escape(step.model)] as [string, unknown]] : []),
    [
      'parameters',
      inputs.map((input) => `<code>${escape(JSON.stringify(relativeValues(outDir, input)))}</code>`).join('<br>') ||
        '-',
    ],
    ['ids', escape(outcome.ids.join(', ') || '-')],
    ['credits', String(outcome.credits)],
    ['time', outcome.seconds === undefined ? '-' : `${outcome.seconds} s`],
    ...(outcome.error ? [['error', escape(outcome.error)] as [string, unknown]] : []),
  ]
  const files = [
    ...new Set(
      Object.values(outcome.outputs)
        .flat()
        .filter((v): v is string => typeof v === 'string' && v.startsWith(outDir)),
    ),
  ]
  const media = files.map((path) => mediaTag(relativeLink(outDir, path))).join('\n')
  return `<section id="step-${escape(outcome.id)}"><h2>${escape(outcome.id)}</h2>
<table>${facts.map(([key, value]) => `<tr><th>${key}</th><td>${value}</td></tr>`).join('')}</table>
<div class="media">${media}</div></section>`
}

function mediaTag(link: string): string {
  const href = escape(link)
  if (/\.(mp4|webm|mov)$/i.test(link))
    return `<figure><video src="${href}" controls preload="metadata"></video><figcaption><a href="${href}">${href}</a></figcaption></figure>`
  if (/\.(png|jpe?g|webp|gif)$/i.test(link))
    return `<figure><img src="${href}" alt="${href}"><figcaption><a href="${href}">${href}</a></figcaption></figure>`
  if (/\.(mp3|wav|m4a|aac|ogg)$/i.test(link))
    return `<figure><audio src="${href}" controls preload="metadata"></audio><figcaption><a href="${href}">${href}</a></figcaption></figure>`
  return `<a href="${href}">${href}</a>`
}

/** A path inside the output folder as a relative URL (each segment encoded). */
function relativeLink(outDir: string, path: string): string {
  return relative(outDir, path).split(sep).map(encodeURIComponent).join('/')
}

function relativeValues(outDir: string, input: Record<string, unknown>): Record<string, unknown> {
  const rel = (v: unknown): unknown =>
    typeof v === 'string' && v.startsWith(outDir + sep) ? relative(outDir, v) : Array.isArray(v) ? v.map(rel) : v
  return Object.fromEntries(Object.entries(input).map(([key, value]) => [key, rel(value)]))
}

function escape(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'})[c] as string,
  )
}
