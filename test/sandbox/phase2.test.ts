import {expect} from 'chai'
import type {RunningSandbox} from '../../src/sandbox/index.js'
import {type Client, sleep, withSandbox} from './helpers.js'

describe('sandbox: other modes, audio, templates, library, workspaces', () => {
  let sb: RunningSandbox
  let client: Client
  let videoId: number

  before(async () => {
    ;({sb, client} = await withSandbox({taskSeconds: 0.2, slots: 20}))
    await client.login()
    videoId = (await client.post('video/t2v', {prompt: 'source clip', model: 'v6'})).Resp.video_id
    await sleep(300)
  })
  after(() => sb.close())

  it('frame endpoints return fetchable frames for ids and paths', async () => {
    const at = await client.post('video/frame/at_time', {video_id: videoId, time_ms: 0})
    expect(at.ErrCode).to.equal(0)
    expect(at.Resp.frame_path).to.match(/^frames\//)
    expect((await fetch(at.Resp.frame_url)).headers.get('content-type')).to.equal('image/jpeg')
    const last = await client.post('video/frame/last', {video_path: 'upload/abc.mp4', platform: 'web'})
    expect(last.Resp.last_frame).to.match(/^http:\/\/127\.0\.0\.1:\d+\/media\/frames\//)
  })

  it('extend, modify, upscale, transition, fusion, motion-control, lip sync and sound effects create video tasks', async () => {
    const detail = (await client.post('video/list/detail', {video_id: videoId})).Resp
    const bundle = {
      original_video_id: videoId,
      customer_video_path: detail.video_path,
      customer_video_url: detail.url,
      customer_video_duration: 5,
    }
    const cases: Array<[string, Record<string, unknown>, string]> = [
      [
        'video/extend',
        {
          ...bundle,
          customer_video_last_frame_url: detail.first_frame,
          model: 'v6',
          prompt: ' ',
          duration: 5,
          quality: '720p',
        },
        'extend',
      ],
      [
        'video/modify',
        {
          ...bundle,
          model: 'v5.5',
          prompt: 'make it night',
          quality: '720p',
          cut_time_ms: 0,
          key_frame_path: 'frames/x.jpg',
        },
        'modify',
      ],
      [
        'video/upscale',
        {
          upscale: 1,
          quality: '2160p',
          original_video_id: videoId,
          customer_video_path: detail.video_path,
          platform: 'web',
        },
        'upscale',
      ],
      [
        'video/frames',
        {
          customer_img_paths: ['upload/a.png', 'upload/b.png'],
          prompts: [''],
          durations: [5],
          model: 'v6',
          quality: '720p',
          duration: 5,
          create_count: 1,
        },
        'transition',
      ],
      [
        'video/fusion',
        {customer_img_paths: ['upload/a.png'], prompt: 'two friends', model: 'v6', quality: '720p', duration: 5},
        'fusion',
      ],
      [
        'video/mimic',
        {
          customer_img_paths: ['upload/a.png'],
          img_detection_result: 1,
          video_detection_result: 1,
          model: 'v5.6',
          quality: '720p',
          customer_video_path: 'upload/dance.mp4',
        },
        'mimic',
      ],
      [
        'video/lip_sync',
        {...bundle, lip_sync_tts_content: 'hello', lip_sync_tts_speaker_id: 'Auto', model: 'v5.6'},
        'lip_sync',
      ],
      ['video/sound_effect', {...bundle, sound_effect_content: 'rain', model: 'v5.6'}, 'sound_effect'],
    ]
    for (const [route, body, mode] of cases) {
      const res = await client.post(route, body)
      expect(res.ErrCode, `${route}: ${res.ErrMsg}`).to.equal(0)
      const d = await client.post('video/list/detail', {video_id: res.Resp.video_id})
      expect(d.Resp.create_mode, route).to.equal(mode)
    }
    expect((await client.post('video/extend', {model: 'v6'})).ErrCode).to.equal(400017)
    expect((await client.post('video/extend', {original_video_id: 1, model: 'v6'})).ErrCode).to.equal(400001)
    expect((await client.post('video/frames', {customer_img_paths: ['upload/a.png'], model: 'v6'})).ErrCode).to.equal(
      400017,
    )
  })

  it('motion-control precheck passes unless the path contains "nobody"', async () => {
    expect((await client.post('video/mimic/precheck', {paths: ['upload/person.png'], type: 1})).Resp).to.include({
      pass: true,
      result: 1,
    })
    expect((await client.post('video/mimic/precheck', {paths: ['upload/nobody.png'], type: 1})).Resp).to.include({
      pass: false,
      result: 0,
    })
  })

  it('voice: tts submit, audio/detail finishes with a Resp.audio object', async () => {
    const res = await client.post('speech/tts/generate', {
      text: 'hello',
      model: 'speech-2.8-hd',
      voice_id: 'mm_aria',
      voice_settings: {speed: 1, volume: 1, pitch: 0},
    })
    expect(res.ErrCode, res.ErrMsg).to.equal(0)
    expect(res.Resp).to.include.keys('audio_id', 'status', 'credits')
    const first = await client.get('audio/detail', {asset_source: 1, audio_id: res.Resp.audio_id})
    expect(first.Resp.audio.audio_status).to.be.oneOf([5, 9, 10])
    await sleep(300)
    const done = (await client.get('audio/detail', {asset_source: 1, audio_id: res.Resp.audio_id})).Resp.audio
    expect(done).to.include({
      status: 'finish',
      audio_status: 1,
      format: 'mp3',
      model: 'speech-2.8-hd',
      create_mode: 'tts',
    })
    expect(done).to.include({voice_id: 'mm_aria', voice_name: 'mm_aria', provider: 'minimax'})
    const mp3 = await fetch(done.audio_url)
    expect(mp3.headers.get('content-type')).to.equal('audio/mpeg')
    const dl = await client.post('asset/download', {
      items: [{asset_id: res.Resp.audio_id, asset_type: 2, asset_source: 1}],
      remove_watermark: 0,
    })
    expect(dl.Resp.url).to.equal(done.audio_url)
    expect(dl.Resp.download_name).to.match(/\.mp3$/)
  })

  it('music: generate, music/detail, failure marker', async () => {
    const res = await client.post('music/generate', {
      model: 'music-2.6',
      prompt: 'lofi',
      instrumental: true,
      auto_lyrics: false,
      duration_auto: true,
      duration_seconds: 0,
    })
    expect(res.ErrCode, res.ErrMsg).to.equal(0)
    expect(res.Resp).to.include({asset_type: 2, asset_source: 1, create_mode: 'music'})
    const bad = await client.post('music/generate', {model: 'music-2.6', prompt: 'x [sandbox:fail]', instrumental: 1})
    expect(bad.ErrCode).to.equal(400017) // booleans are JSON true/false here
    const failing = await client.post('music/generate', {
      model: 'music-2.6',
      prompt: 'x [sandbox:fail]',
      instrumental: true,
    })
    await sleep(300)
    const done = (await client.get('music/detail', {audio_id: res.Resp.audio_id})).Resp.audio
    expect(done).to.include({status: 'finish', audio_status: 1, instrumental: true, provider: 'minimax'})
    const failed = (await client.get('music/detail', {audio_id: failing.Resp.audio_id})).Resp.audio
    expect(failed).to.include({status: 'failed', audio_status: 8})
    expect(failed.fail_reason).to.be.a('string')
  })

  it('model and voice catalogues, with voice paging', async () => {
    expect((await client.get('speech/tts/models')).Resp.default_model).to.equal('speech-2.8-hd')
    expect((await client.get('music/models')).Resp.provider_groups).to.have.length(3)
    const p1 = (await client.get('speech/tts/voices', {page: 1, page_size: 10})).Resp
    expect(p1.voices).to.have.length(10)
    expect(p1.pagination).to.include({page: 1, total: 24, total_pages: 3})
    const p3 = (await client.get('speech/tts/voices', {page: 3, page_size: 10})).Resp
    expect(p3.voices).to.have.length(4)
    const mm = (await client.get('speech/tts/voices', {provider: 'minimax', language: 'ja'})).Resp
    expect(mm.voices.map((v: any) => v.voice_id)).to.deep.equal(['mm_hana'])
  })

  it('templates: categories, list paging, search, detail with every effect type', async () => {
    const cats = (await client.get('content/categories/secondary', {primary_category_id: 3, platform: 'web'})).Resp
    expect(cats.length).to.be.greaterThan(3)
    expect(JSON.parse(cats[0].i18n_json)).to.have.property('en-US')
    const all = (
      await client.get('content/template/list', {primary_category: 3, platform: 'web', limit: 100, offset: 0})
    ).Resp
    expect(all.total).to.be.greaterThanOrEqual(24)
    expect(new Set(all.data.map((t: any) => t.effect_type))).to.deep.equal(new Set([0, 1, 2, 3]))
    expect(new Set(all.data.map((t: any) => t.template_type))).to.deep.equal(new Set([1, 2]))
    expect(all.data.filter((t: any) => t.supported_features === 1000)).to.have.length(1)
    const page2 = (
      await client.get('content/template/list', {
        primary_category: 3,
        platform: 'web',
        limit: 5,
        offset: 5,
        secondary_category: cats[0].id,
      })
    ).Resp
    expect(page2.data).to.have.length(1)
    const found = (await client.get('search/web/effect', {query_key: 'dragon'})).Resp
    expect(found.items.map((t: any) => t.display_name)).to.deep.equal(['Dragon Rider'])
    const detail = await client.post('template/detail', {template_id: all.data[0].template_id})
    expect(detail.Resp).to.include.keys(
      'template_id',
      'display_name',
      'template_type',
      'effect_type',
      'supported_features',
      'video_base_cost',
      'fixed_cost',
      'template_model',
      'duration',
      'display_prompt',
      'i18n_json',
    )
    expect((await client.post('template/detail', {template_id: 1})).ErrCode).to.equal(400001)
  })

  it('library: created and uploaded assets, paging, delete, folders', async () => {
    const list = (
      await client.post('asset/library/list', {
        tab: 'video',
        asset_source: 1,
        folder_id: 0,
        offset: 0,
        limit: 2,
        filter: {},
      })
    ).Resp
    expect(list.total).to.be.greaterThan(2)
    expect(list.data).to.have.length(2)
    expect(list.has_more).to.equal(true)
    expect(list.data[0]).to.include.keys('video_id', 'asset_id', 'video_status')
    const audio = (
      await client.post('asset/library/list', {
        tab: 'audio',
        asset_source: 1,
        offset: 0,
        limit: 50,
        sort_field: 'created_at',
        sort_type: 'Desc',
      })
    ).Resp
    expect(audio).to.include.keys('data', 'has_more', 'next_offset')

    const folders = (await client.get('asset/folder/list', {sort_by: 'created_at', sort_order: 'desc'})).Resp
    expect(folders.folders.map((f: any) => f.folder_id)).to.include(666666)
    const created = (await client.post('asset/folder/create', {name: 'Keepers'})).Resp
    expect(created.folder_id).to.be.a('number')
    expect(
      (
        await client.post('asset/folder/item/add', {
          items: [{asset_id: videoId, asset_type: 1, asset_source: 1, folder_id: created.folder_id}],
        })
      ).ErrCode,
    ).to.equal(0)
    const inFolder = (
      await client.post('asset/folder/item/list', {
        folder_id: created.folder_id,
        asset_type: -1,
        asset_source: 1,
        offset: 0,
        limit: 20,
      })
    ).Resp
    expect(inFolder.data.map((d: any) => d.asset_id)).to.deep.equal([videoId])
    expect((await client.post('asset/folder/rename', {folder_id: created.folder_id, name: 'Best'})).ErrCode).to.equal(0)
    expect((await client.post('asset/folder/delete', {folder_ids: [666666]})).ErrCode).to.equal(400017)

    const del = await client.post('asset/library/delete', {
      items: [{asset_id: videoId, asset_type: 1, asset_source: 1, platform: 'web'}],
    })
    expect(del.ErrCode).to.equal(0)
    expect((await client.post('video/list/detail', {video_id: videoId})).ErrCode).to.equal(400001)
    const after = (
      await client.post('asset/folder/item/list', {folder_id: created.folder_id, asset_type: -1, offset: 0, limit: 20})
    ).Resp
    expect(after.total).to.equal(0)
    expect((await client.post('asset/folder/delete', {folder_ids: [created.folder_id]})).ErrCode).to.equal(0)
  })

  it('credit records: earned and used, newest first, capitalised paging', async () => {
    const used = (await client.post('user/credits/records/v2', {Offset: 0, Limit: 3, type: 2})).Resp
    expect(used.total).to.be.greaterThan(3)
    expect(used.items).to.have.length(3)
    expect(used.items[0]).to.include({acquired_type: 1})
    expect(used.items[0].credits).to.be.lessThan(0)
    expect(used.items[0].create_time).to.match(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/)
    const earned = (await client.post('user/credits/records/v2', {Offset: 0, Limit: 20, type: 1})).Resp
    expect(earned.items.every((i: any) => i.credits > 0)).to.equal(true)
  })

  it('workspaces: list, switch, team credits, and 5004xx for a workspace the user is not in', async () => {
    const list = (await client.get('team/workspace/list')).Resp
    expect(list.active_workspace_id).to.equal(0)
    expect(list.workspaces.map((w: any) => w.role)).to.deep.equal(['owner', 'member'])
    const teamId = list.workspaces[0].workspace_id
    expect((await client.post('team/workspace/switch', {workspace_id: teamId})).ErrCode).to.equal(0)
    expect((await client.get('team/workspace/list')).Resp.active_workspace_id).to.equal(teamId)

    client.workspaceId = String(teamId)
    expect((await client.post('image/t2i', {prompt: 'team pic', model: 'qwen-image'})).ErrCode).to.equal(0)
    const overview = (await client.get('team/credits/overview')).Resp
    expect(overview).to.include.keys('total_credits', 'used_credits', 'seat_count')
    expect(overview.used_credits).to.be.greaterThan(0)
    const usage = (await client.get('team/usage/history', {page: 1, page_size: 10, period: '30d'})).Resp
    expect(usage.records[0]).to.include.keys('credit_cost', 'created_at', 'creation_mode', 'model')

    client.workspaceId = '123456'
    const denied = await client.post('video/list/detail', {video_id: videoId})
    expect(denied.ErrCode).to.be.within(500400, 500404)
    expect((await client.post('team/workspace/switch', {workspace_id: 123456})).ErrCode).to.be.within(500400, 500404)
    client.workspaceId = undefined
    expect((await client.post('team/workspace/switch', {workspace_id: 0})).ErrCode).to.equal(0)
  })
})
