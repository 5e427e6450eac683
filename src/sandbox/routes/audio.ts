/** Voice (TTS) and music: submit, detail (Resp.audio wrapper, docs/protocol.md §4.3) and model catalogues. */
import fs from 'node:fs'
import {ApiError, ERR, type Ctx, type RouteTable, idParam, invalidParam, mediaUrl, str} from '../http.js'
import {submit} from '../creations.js'
import {audioDetail} from '../details.js'
import {fixturePath} from '../media.js'
import type {State} from '../store.js'
import {FLAT_COST} from '../tasks.js'
import {MUSIC_MODELS, TTS_MODELS, VOICES} from '../catalog-data.js'
import {findTask} from './task-routes.js'

let mp3Size: number | undefined
/** The fixture MP3 stands in for every generated track: report its real size and length. */
function mp3Facts(): {size: number; seconds: number} {
  mp3Size ??= fs.statSync(fixturePath('mp3')).size
  return {size: mp3Size, seconds: 2}
}

function uploadedAudio(state: State, assetId: number, origin: string) {
  const m = state.media[String(assetId)]
  if (!m || m.kind !== 'audio' || m.deleted) throw new ApiError(ERR.notFound, 'Audio not found')
  return {
    audio: {
      asset_id: m.id,
      audio_id: m.id,
      asset_source: 0,
      asset_type: 2,
      status: 'finish',
      audio_status: 1,
      create_mode: 'upload',
      name: m.name,
      path: m.path,
      audio_path: m.path,
      url: mediaUrl(origin, m.path),
      audio_url: mediaUrl(origin, m.path),
      duration: m.duration ?? 0,
      file_size: m.size,
      created_at: new Date(m.createdAt).toISOString(),
    },
  }
}

export const audioRoutes: RouteTable = {
  'speech/tts/generate': {
    method: 'POST',
    auth: true,
    handler: (ctx: Ctx) => {
      const b = ctx.body
      const text = str(b, 'text', {required: true, nonEmpty: true})!
      const model = str(b, 'model', {required: true, nonEmpty: true})!
      if (b.voice_id === undefined && b.provider_voice_id === undefined)
        throw invalidParam('voice_id or provider_voice_id is required')
      const cost = FLAT_COST.tts + Math.floor(text.length / 500)
      return submit(
        ctx,
        'speech/tts/generate',
        {
          kind: 'audio',
          mode: 'tts',
          prompt: text,
          model,
          quality: '',
          duration: 0,
          aspectRatio: '1:1',
          costEach: cost,
          count: 1,
        },
        (ids) => ({
          audio_id: ids[0],
          asset_id: ids[0],
          status: 'pending',
          audio_status: 5,
          credits: cost,
        }),
      )
    },
  },
  'music/generate': {
    method: 'POST',
    auth: true,
    handler: (ctx: Ctx) => {
      const b = ctx.body
      const model = str(b, 'model', {required: true, nonEmpty: true})!
      const prompt = str(b, 'prompt') ?? ''
      const lyrics = str(b, 'lyrics') ?? ''
      if (prompt.trim() === '' && lyrics.trim() === '') throw invalidParam('prompt or lyrics is required')
      for (const f of ['instrumental', 'auto_lyrics', 'duration_auto']) {
        if (b[f] !== undefined && typeof b[f] !== 'boolean') throw invalidParam(`${f} must be a boolean`)
      }
      return submit(
        ctx,
        'music/generate',
        {
          kind: 'audio',
          mode: 'music',
          prompt,
          model,
          quality: '',
          duration: 0,
          aspectRatio: '1:1',
          costEach: FLAT_COST.music,
          count: 1,
        },
        (ids) => ({
          audio_id: ids[0],
          asset_id: ids[0],
          asset_type: 2,
          asset_source: 1,
          create_mode: 'music',
          status: 'pending',
          audio_status: 5,
          credits: FLAT_COST.music,
        }),
      )
    },
  },
  'audio/detail': {
    method: 'GET',
    auth: true,
    handler: (ctx: Ctx) => {
      const source = ctx.query.get('asset_source') ?? '1'
      return ctx.store.read((state) => {
        if (source === '0')
          return uploadedAudio(
            state,
            idParam(ctx.query.get('asset_id') ?? ctx.query.get('audio_id'), 'asset_id'),
            ctx.origin,
          )
        const id = idParam(ctx.query.get('audio_id') ?? ctx.query.get('asset_id'), 'audio_id')
        const facts = mp3Facts()
        return {audio: audioDetail(findTask(state, id, 'audio'), ctx.origin, ctx.now, facts.size, facts.seconds)}
      })
    },
  },
  'music/detail': {
    method: 'GET',
    auth: true,
    handler: (ctx: Ctx) => {
      const id = idParam(ctx.query.get('audio_id'), 'audio_id')
      return ctx.store.read((state) => {
        const task = findTask(state, id, 'audio')
        if (task.mode !== 'music') throw new ApiError(ERR.notFound, 'Music not found')
        const facts = mp3Facts()
        return {audio: audioDetail(task, ctx.origin, ctx.now, facts.size, facts.seconds)}
      })
    },
  },
  'speech/tts/models': {method: 'GET', auth: true, handler: () => TTS_MODELS},
  'music/models': {method: 'GET', auth: true, handler: () => MUSIC_MODELS},
  'speech/tts/voices': {
    method: 'GET',
    auth: true,
    handler: (ctx: Ctx) => {
      const q = ctx.query
      const page = Math.max(1, Number(q.get('page') ?? 1) || 1)
      const pageSize = Math.min(10, Math.max(1, Number(q.get('page_size') ?? 10) || 10))
      const provider = q.get('provider')
      const model = q.get('model')
      const language = q.get('language')
      const matching = VOICES.filter(
        (v) =>
          (!provider || v.provider === provider) &&
          (!model || v.models.includes(model)) &&
          (!language || language === 'auto' || v.languages.includes(language)),
      )
      const total = matching.length
      return {
        voices: matching.slice((page - 1) * pageSize, page * pageSize).map(({models: _m, languages: _l, ...v}) => ({
          ...v,
          preview_url: mediaUrl(ctx.origin, `static/voices/${v.voice_id}.mp3`),
        })),
        pagination: {page, page_size: pageSize, total_pages: Math.max(1, Math.ceil(total / pageSize)), total},
      }
    },
  },
}
