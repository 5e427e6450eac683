import {execFileSync} from 'node:child_process'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {ROOT} from './cli.js'
import {type SandboxProcess} from './sandbox.js'

/** What the pipeline tests share (test/int/pipeline.test.ts, test/e2e/pipeline-interrupt.test.ts). */
export const FIXTURES = join(ROOT, 'fixtures', 'media')

export interface Outcome {
  id: string
  status: string
  ids: number[]
  outputs: Record<string, unknown>
  idempotency_keys?: string[]
  credits: number
  credits_now: number
  exit_code: number
  resumed?: boolean
}

export interface RunDoc {
  final: string | null
  report: string
  state_file: string
  steps: Outcome[]
  summary: Record<string, number>
}

export function pipelineFile(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'pixverse-pipeline-')), name)
  writeFileSync(file, text)
  return file
}

export function outDir(): string {
  return join(mkdtempSync(join(tmpdir(), 'pixverse-pipeline-out-')), 'out')
}

/** Duration and stream types of a media file, from ffprobe (the check the issue asks for). */
export function probe(file: string): {duration: number; streams: string[]; width?: number; height?: number} {
  const text = execFileSync(
    'ffprobe',
    ['-v', 'error', '-show_entries', 'format=duration:stream=codec_type,width,height', '-of', 'json', file],
    {encoding: 'utf8'},
  )
  const data = JSON.parse(text) as {
    format: {duration: string}
    streams: Array<{codec_type: string; width?: number; height?: number}>
  }
  const video = data.streams.find((s) => s.codec_type === 'video')
  return {
    duration: Number(data.format.duration),
    streams: data.streams.map((s) => s.codec_type).sort(),
    width: video?.width,
    height: video?.height,
  }
}

/** Creations only: every POST that can charge. */
export async function creationPosts(
  sandbox: SandboxProcess,
): Promise<Array<{path: string; body: {idempotency_key?: string}}>> {
  const requests = (await sandbox.requests()) as Array<{method: string; path: string; body: {idempotency_key?: string}}>
  return requests.filter(
    (r) => r.method === 'POST' && /\/(video|image)\/(t2v|i2v|t2i|i2i|extend|upscale)$|\/music\/generate$/.test(r.path),
  )
}

export async function charges(sandbox: SandboxProcess): Promise<Record<string, number>> {
  return ((await sandbox.state()) as {charges: Record<string, number>}).charges
}
