import {expect} from 'chai'
import type {RunningSandbox} from '../../src/sandbox/index.js'
import {type Client, sleep, withSandbox} from './helpers.js'

const T2V = {
  prompt: 'a cat',
  model: 'v6',
  duration: 5,
  quality: '720p',
  create_count: 1,
  aspect_ratio: '16:9',
  audio: 1,
  multi_shot: 1,
}
const T2I = {prompt: 'a dog', model: 'gpt-image-2.0', quality: '1080p', create_count: 1, aspect_ratio: '16:9', seed: 0}

async function statusTrail(
  client: Client,
  route: string,
  body: Record<string, unknown>,
  field: string,
  ms: number,
): Promise<number[]> {
  const seen: number[] = []
  const end = Date.now() + ms
  while (Date.now() < end) {
    const res = await client.post(route, body)
    expect(res.ErrCode, res.ErrMsg).to.equal(0)
    const status = res.Resp[field] as number
    if (seen.at(-1) !== status) seen.push(status)
    if ([1, 7, 8].includes(status)) break
    await sleep(40)
  }
  return seen
}

describe('sandbox: creations and task lifecycle', () => {
  let sb: RunningSandbox
  let client: Client

  beforeEach(async () => {
    ;({sb, client} = await withSandbox({taskSeconds: 1}))
    await client.login()
  })
  afterEach(() => sb.close())

  it('t2v walks 5 → 9 → 10 → 1 and only then has a url and can be downloaded', async () => {
    const submit = await client.post('video/t2v', T2V)
    expect(submit.ErrCode, submit.ErrMsg).to.equal(0)
    const id = submit.Resp.video_id
    expect(id).to.be.a('number').greaterThan(390_000_000_000)
    expect(submit.Resp).to.deep.include({video_ids: [id], success_ids: [id], fail_count: 0})
    expect(submit.Resp.cost_credits).to.be.a('number').greaterThan(0)

    const early = await client.post('video/list/detail', {video_id: id})
    expect(early.Resp.video_status).to.equal(5)
    expect(early.Resp).to.not.have.property('url')
    expect(early.Resp.queue_data).to.have.keys('queue_time', 'processing_start_time', 'estimated_gen_time')
    const notYet = await client.post('video/download', {video_id: id})
    expect(notYet.ErrCode).to.not.equal(0)

    const trail = await statusTrail(client, 'video/list/detail', {video_id: id}, 'video_status', 3000)
    expect(trail).to.deep.equal([5, 9, 10, 1])

    const done = (await client.post('video/list/detail', {video_id: id})).Resp
    expect(done).to.include({
      video_id: id,
      video_status: 1,
      prompt: 'a cat',
      model: 'v6',
      duration: 5,
      quality: '720p',
      platform: 'web',
      create_mode: 'text_video',
      output_width: 1280,
      output_height: 720,
    })
    expect(done.url).to.equal(`${sb.origin}/media/video/${id}.mp4`)
    expect(done.video_path).to.be.a('string').and.match(/\//)
    expect(done.first_frame).to.match(/^http:\/\/127\.0\.0\.1:\d+\/media\//)
    expect(new Date(done.created_at).toISOString()).to.equal(done.created_at)
    expect(done).to.not.have.property('queue_data')

    const dl = await client.post('video/download', {video_id: id}, {Error: 'return'})
    expect(dl.ErrCode).to.equal(0)
    const file = await fetch(dl.Resp.url)
    expect(file.status).to.equal(200)
    expect(file.headers.get('content-type')).to.equal('video/mp4')
    const bytes = Buffer.from(await file.arrayBuffer())
    expect(Number(file.headers.get('content-length'))).to.equal(bytes.length)
    expect(bytes.toString('latin1', 4, 8)).to.equal('ftyp')
  })

  it('create_count N makes N tasks and charges N times the price', async () => {
    const before = await client.get('user/credits')
    const res = await client.post('video/t2v', {...T2V, create_count: 3})
    expect(res.ErrCode).to.equal(0)
    expect(res.Resp.video_ids).to.have.length(3)
    expect(res.Resp.success_ids).to.deep.equal(res.Resp.video_ids)
    expect(res.Resp.video_id).to.equal(res.Resp.video_ids[0])
    const after = await client.get('user/credits')
    const total = (c: any) => c.credit_daily + c.credit_monthly + c.credit_package
    expect(total(before.Resp) - total(after.Resp)).to.equal(res.Resp.cost_credits)
    const single = await client.post('video/t2v', T2V)
    expect(res.Resp.cost_credits).to.equal(3 * single.Resp.cost_credits)
  })

  it('image t2i and i2i: ids, detail and download', async () => {
    const t2i = await client.post('image/t2i', {...T2I, create_count: 2})
    expect(t2i.ErrCode, t2i.ErrMsg).to.equal(0)
    expect(t2i.Resp.image_ids).to.have.length(2)
    expect(t2i.Resp.success_ids).to.deep.equal(t2i.Resp.image_ids)
    const i2i = await client.post('image/i2i', {...T2I, customer_img_paths: ['upload/a.png']})
    expect(i2i.ErrCode, i2i.ErrMsg).to.equal(0)
    const trail = await statusTrail(client, 'image/detail', {image_id: i2i.Resp.image_id}, 'image_status', 3000)
    expect(trail.at(-1)).to.equal(1)
    const detail = (await client.post('image/detail', {image_id: i2i.Resp.image_id})).Resp
    expect(detail).to.include({image_status: 1, create_mode: 'create_image', model: 'gpt-image-2.0'})
    expect(detail).to.include.keys('image_url', 'image_path', 'output_width', 'output_height', 'created_at', 'off_peak')
    const dl = await client.post('image/download', {image_id: i2i.Resp.image_id})
    const file = await fetch(dl.Resp.url)
    expect(file.headers.get('content-type')).to.equal('image/png')
    expect(
      Buffer.from(await file.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).to.equal('PNG')
  })

  it('markers: [sandbox:fail] ends in 8, [sandbox:reject] in 7, [sandbox:sensitive] refuses the submit', async () => {
    const fail = await client.post('video/t2v', {...T2V, prompt: 'boom [sandbox:fail] [sandbox:seconds=0.3]'})
    const reject = await client.post('image/t2i', {...T2I, prompt: 'nope [sandbox:reject] [sandbox:seconds=0.3]'})
    const tasksBefore = (await client.control('GET', 'state')).tasks
    const sensitive = await client.post('video/t2v', {...T2V, prompt: 'bad [sandbox:sensitive]'})
    expect(sensitive.ErrCode).to.equal(500063)
    expect((await client.control('GET', 'state')).tasks).to.equal(tasksBefore)
    await sleep(400)
    const f = (await client.post('video/list/detail', {video_id: fail.Resp.video_id})).Resp
    expect(f.video_status).to.equal(8)
    expect(f).to.not.have.property('url')
    const r = (await client.post('image/detail', {image_id: reject.Resp.image_id})).Resp
    expect(r.image_status).to.equal(7)
  })

  it('gives back the credits of a failed or rejected task once, as a Refund record', async () => {
    const total = async () => (await client.control('GET', 'state')).credits.total
    const before = await total()
    const fail = await client.post('video/t2v', {...T2V, prompt: 'boom [sandbox:fail] [sandbox:seconds=0.3]'})
    const reject = await client.post('image/t2i', {...T2I, prompt: 'nope [sandbox:reject] [sandbox:seconds=0.3]'})
    const ok = await client.post('video/t2v', {...T2V, prompt: 'fine [sandbox:seconds=0.3]'})
    const charged = fail.Resp.cost_credits + reject.Resp.cost_credits + ok.Resp.cost_credits
    expect(await total()).to.equal(before - charged) // nothing is given back before the tasks end
    await sleep(400)
    const credits = (await client.get('user/credits')).Resp
    expect(credits.credit_daily + credits.credit_monthly + credits.credit_package).to.equal(
      before - ok.Resp.cost_credits,
    )
    expect(await total()).to.equal(before - ok.Resp.cost_credits) // settled once: reading again gives nothing more

    const records = (await client.post('user/credits/records/v2', {Offset: 0, Limit: 20, type: 1})).Resp.items
    const refunds = records.filter((r: {acquired_type: number}) => r.acquired_type === 2)
    expect(refunds.map((r: {task_id: number; credits: number}) => [r.task_id, r.credits])).to.have.deep.members([
      [fail.Resp.video_id, fail.Resp.cost_credits],
      [reject.Resp.image_id, reject.Resp.cost_credits],
    ])
    expect(refunds.every((r: {acquired_type_name: string}) => r.acquired_type_name === 'Refund')).to.equal(true)
  })

  it('[sandbox:seconds=N] sets the duration of one task', async () => {
    const quick = await client.post('video/t2v', {...T2V, prompt: 'x [sandbox:seconds=0.2]'})
    const slow = await client.post('video/t2v', {...T2V, prompt: 'x [sandbox:seconds=30]'})
    await sleep(300)
    expect((await client.post('video/list/detail', {video_id: quick.Resp.video_id})).Resp.video_status).to.equal(1)
    const s = (await client.post('video/list/detail', {video_id: slow.Resp.video_id})).Resp
    expect(s.video_status).to.equal(5)
    expect(s.queue_data.estimated_gen_time).to.equal(30)
  })

  it('not enough credits → 500043, nothing created or charged', async () => {
    await client.control('POST', 'config', {credits: {credit_daily: 10, credit_monthly: 5, credit_package: 0}})
    const res = await client.post('video/t2v', T2V)
    expect(res.ErrCode).to.equal(500043)
    const state = await client.control('GET', 'state')
    expect(state.tasks).to.equal(0)
    expect(state.credits).to.include({credit_daily: 10, credit_monthly: 5, total: 15})
  })

  it('spends daily, then monthly, then package credits', async () => {
    await client.control('POST', 'config', {credits: {credit_daily: 10, credit_monthly: 20, credit_package: 100}})
    const res = await client.post('video/t2v', T2V) // 720p 5 s
    const cost = res.Resp.cost_credits
    expect(cost).to.be.greaterThan(30)
    const c = (await client.get('user/credits')).Resp
    expect(c).to.include({credit_daily: 0, credit_monthly: 0, credit_package: 130 - cost})
  })

  it('slots: a submit past the limit → 500044; slots free up when tasks end', async () => {
    await client.control('POST', 'config', {slots: {video: 2}})
    const a = await client.post('video/t2v', {...T2V, prompt: 'a [sandbox:seconds=0.5]'})
    expect(a.ErrCode).to.equal(0)
    const slots = (await client.get('user/credits/concurrency')).Resp
    expect(slots).to.deep.equal({
      image: {limit: 5, used: 0, remaining: 5, unlimited: false},
      video: {limit: 2, used: 1, remaining: 1, unlimited: false},
      shared_pool: false,
    })
    const before = await client.control('GET', 'state')
    const over = await client.post('video/t2v', {...T2V, create_count: 2})
    expect(over.ErrCode).to.equal(500044)
    const after = await client.control('GET', 'state')
    expect(after.tasks).to.equal(before.tasks)
    expect(after.credits.total).to.equal(before.credits.total)
    // Images have their own slots.
    expect((await client.post('image/t2i', T2I)).ErrCode).to.equal(0)
    await sleep(600)
    expect((await client.post('video/t2v', {...T2V, create_count: 2})).ErrCode).to.equal(0)
  })

  it('idempotency_key: the retry gets the original Resp and is not charged again', async () => {
    const body = {...T2V, idempotency_key: 'retry-me-1'}
    const first = await client.post('video/t2v', body)
    const credits = (await client.control('GET', 'state')).credits.total
    const second = await client.post('video/t2v', body)
    expect(second).to.deep.equal(first)
    const state = await client.control('GET', 'state')
    expect(state.credits.total).to.equal(credits)
    expect(state.tasks).to.equal(1)
    expect(state.charges).to.deep.equal({'retry-me-1': 1})
    expect(state.charged_submits).to.equal(1)
    // Parallel retries of a new key still charge once.
    const parallel = await Promise.all(
      [1, 2, 3, 4].map(() => client.post('image/t2i', {...T2I, idempotency_key: 'k2'})),
    )
    expect(new Set(parallel.map((r) => r.Resp.image_id)).size).to.equal(1)
    expect((await client.control('GET', 'state')).charges.k2).to.equal(1)
  })

  it('validation: missing prompt/model → 400017; unknown ids → 400001', async () => {
    const noPrompt = await client.post('video/t2v', {model: 'v6'})
    expect(noPrompt.ErrCode).to.equal(400017)
    expect(noPrompt.ErrMsg).to.match(/prompt/)
    expect((await client.post('video/t2v', {prompt: 'x'})).ErrCode).to.equal(400017)
    expect((await client.post('video/t2v', {...T2V, create_count: 9})).ErrCode).to.equal(400017)
    expect((await client.post('video/i2v', {prompt: 'x', model: 'v6'})).ErrCode).to.equal(400017)
    expect(
      (await client.post('video/i2v', {prompt: 'x', model: 'v6', customer_img_path: 'upload/a.png'})).ErrCode,
    ).to.equal(0)
    expect((await client.post('image/i2i', {model: 'qwen-image'})).ErrCode).to.equal(400017)
    const missing = await client.post('video/list/detail', {video_id: 123})
    expect(missing.ErrCode).to.equal(400001)
    expect(missing.ErrMsg).to.match(/not found/i)
    expect((await client.post('image/detail', {image_id: 123})).ErrCode).to.equal(400001)
    expect((await client.post('video/list/detail', {video_id: 'abc'})).ErrCode).to.equal(400017)
    expect((await client.post('nothing/here', {})).ErrCode).to.not.equal(0)
  })

  it('parallel polls of 4 tasks all agree and never corrupt the state', async () => {
    const res = await client.post('video/t2v', {...T2V, create_count: 4, prompt: 'p [sandbox:seconds=0.6]'})
    const ids: number[] = res.Resp.video_ids
    const polls = await Promise.all(
      Array.from({length: 40}, (_, i) =>
        sleep(i * 20).then(() => client.post('video/list/detail', {video_id: ids[i % 4]})),
      ),
    )
    expect(polls.every((p) => p.ErrCode === 0)).to.equal(true)
    await sleep(700)
    const final = await Promise.all(ids.map((id) => client.post('video/list/detail', {video_id: id})))
    expect(final.map((f) => f.Resp.video_status)).to.deep.equal([1, 1, 1, 1])
  })
})
