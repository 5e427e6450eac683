import {Ajv} from 'ajv'
import {expect} from 'chai'

import {checkCatalogReferences} from '../helpers/catalog-schema.js'
import {catalogSchema} from '../../src/catalog/schema.js'
import {
  MODES,
  type CreationModelSpec,
  aspectRatiosFor,
  builtInDefaults,
  catalog,
  countRange,
  defaultModel,
  defaultModes,
  displayName,
  durationsFor,
  modelSpec,
  modelsFor,
  modes,
  musicModel,
  qualitiesFor,
  voiceModel,
} from '../../src/catalog/index.js'

const clone = <T>(x: T): T => structuredClone(x)

function compile() {
  return new Ajv({allErrors: true, strict: true}).compile(catalogSchema)
}

function video(mode: Parameters<typeof modelSpec>[0], model: string): CreationModelSpec {
  const spec = modelSpec(mode, model) as CreationModelSpec | undefined
  expect(spec, `${mode}/${model}`).to.not.equal(undefined)
  return spec as CreationModelSpec
}

describe('catalog: models.json against its schema', () => {
  it('validates with ajv (strict, additionalProperties: false)', () => {
    const validate = compile()
    const ok = validate(clone(catalog))
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).to.deep.equal([])
    expect(ok).to.equal(true)
  })

  it('has no null where the typed schema lets an optional field be nullable', () => {
    const nulls: string[] = []
    const walk = (value: unknown, path: string): void => {
      if (value === null && !path.endsWith('/default_model')) nulls.push(path)
      else if (typeof value === 'object' && value !== null)
        for (const [key, child] of Object.entries(value)) walk(child, `${path}/${key}`)
    }

    walk(catalog, '')
    expect(nulls).to.deep.equal([])
    const validate = compile()
    const broken = clone(catalog) as unknown as {modes: Record<string, Record<string, unknown>>}
    broken.modes.video.default_model = 7
    expect(validate(broken)).to.equal(false)
  })

  it('rejects unknown properties and wrong types', () => {
    const validate = compile()
    const extra = clone(catalog) as any
    extra.video_models.v6.max_fps = 60
    expect(validate(extra)).to.equal(false)

    const badAudio = clone(catalog) as any
    badAudio.video_models['sora-2'].audio = 'sometimes'
    expect(validate(badAudio)).to.equal(false)

    const badLyrics = clone(catalog) as any
    badLyrics.music_models['music-2.6'].lyrics = true
    expect(validate(badLyrics)).to.equal(false)
  })

  it('has consistent cross-references', () => {
    expect(checkCatalogReferences(catalog)).to.deep.equal([])
  })

  it('cross-reference checks catch broken data', () => {
    const a = clone(catalog) as any
    a.modes.video.default_model = 'v5.5'
    a.modes.video.defaults.model = 'v5.5'
    expect(checkCatalogReferences(a).join('\n')).to.match(/default model "v5.5" is not in its whitelist/)

    const b = clone(catalog) as any
    b.modes.image.defaults.quality = '720p' // not allowed for gpt-image-2.0
    expect(checkCatalogReferences(b).join('\n')).to.match(/default quality "720p" is not allowed/)

    const c = clone(catalog) as any
    c.modes.reference.models.push('nope-1')
    expect(checkCatalogReferences(c).join('\n')).to.match(/model "nope-1" is not in video_models/)

    const d = clone(catalog) as any
    d.voice_models['eleven-v3'].params.push('volume')
    expect(checkCatalogReferences(d).join('\n')).to.match(/"volume" is not a elevenlabs parameter/)

    const e = clone(catalog) as any
    e.video_models['sora-2'].qualities.push('4k')
    expect(checkCatalogReferences(e).join('\n')).to.match(/"4k" is not a quality token/)
  })

  it('knows exactly the modes of the Mode type', () => {
    expect(modes()).to.have.members([...MODES])
    expect(modes()).to.have.length(MODES.length)
  })
})

describe('catalog: reader', () => {
  it('lists the video whitelist in the CLI order with v6 default', () => {
    expect(modelsFor('video')).to.deep.equal([
      'v6',
      'pixverse-c1',
      'seedance-2.0-standard',
      'seedance-2.0-fast',
      'seedance-2.0-mini',
      'gemini-omni-flash',
      'happyhorse-1.0',
      'kling-o3-pro',
      'kling-o3-standard',
      'kling-3.0-pro',
      'kling-3.0-standard',
      'grok-imagine-1.5',
      'grok-imagine',
      'veo-3.1-lite',
      'veo-3.1-standard',
      'veo-3.1-fast',
      'sora-2-pro',
      'sora-2',
      'v5.6',
    ])
    expect(defaultModel('video')).to.equal('v6')
    expect(modelsFor('video')).to.not.include('v5.5')
  })

  it('returns copies (callers cannot corrupt the data)', () => {
    modelsFor('video').push('hacked')
    builtInDefaults('video').model = 'hacked'
    expect(modelsFor('video')).to.not.include('hacked')
    expect(builtInDefaults('video').model).to.equal('v6')
  })

  it('has the built-in defaults of docs/protocol.md §7', () => {
    expect(builtInDefaults('video')).to.deep.equal({
      model: 'v6',
      duration: 5,
      quality: '720p',
      aspect_ratio: '16:9',
      audio: true,
      multi_shot: true,
      count: 1,
    })
    expect(builtInDefaults('image')).to.deep.equal({
      model: 'gpt-image-2.0',
      quality: '1080p',
      aspect_ratio: '16:9',
      count: 1,
    })
    expect(builtInDefaults('transition')).to.deep.equal({
      model: 'v6',
      duration: 5,
      quality: '720p',
      audio: true,
      count: 1,
    })
    expect(builtInDefaults('extend')).to.deep.equal({model: 'v6', duration: 5, quality: '720p', audio: true, count: 1})
    expect(builtInDefaults('modify')).to.deep.equal({model: 'v5.5', quality: '720p', count: 1})
    expect(builtInDefaults('upscale')).to.deep.equal({quality: '2160p'})
    expect(builtInDefaults('reference')).to.deep.equal({
      model: 'v6',
      duration: 5,
      quality: '720p',
      audio: true,
      count: 1,
    })
    expect(builtInDefaults('template')).to.deep.equal({quality: '720p', count: 1})
    expect(builtInDefaults('motion_control')).to.deep.equal({model: 'v5.6', quality: '720p', count: 1})
    expect(builtInDefaults('speech')).to.include({model: 'v5', tts_speaker: 'Auto'})
    expect(builtInDefaults('sound')).to.include({model: 'v5'})
  })

  it('lists the modes config defaults knows', () => {
    expect(defaultModes()).to.have.members([
      'video',
      'image',
      'transition',
      'extend',
      'modify',
      'upscale',
      'reference',
      'template',
      'motion_control',
    ])
    expect(defaultModes()).to.have.length(9)
  })

  it('display names (model_name_default)', () => {
    expect(displayName('v6')).to.equal('PixVerse V6')
    expect(displayName('v5.5')).to.equal('PixVerse V5.5')
    expect(displayName('v5')).to.equal('PixVerse V5')
    expect(displayName('seedance-2.0-fast')).to.equal('Seedance 2.0 Fast')
    expect(displayName('gpt-image-2.0')).to.equal('GPT Image 2')
    expect(displayName('qwen-image')).to.equal('Qwen-image')
    expect(displayName('speech-2.8-hd')).to.equal('MiniMax Speech 2.8 HD')
    expect(displayName('music-2.6')).to.equal('MiniMax Music 2.6')
    expect(displayName('gemini-3.1-flash')).to.equal('Nano Banana 2')
    expect(displayName('kling-o3-pro')).to.equal('Kling O3 Pro')
    expect(displayName('no-such-model')).to.equal(undefined)
    expect(displayName('constructor')).to.equal(undefined)
  })

  it('unions of qualities / aspect ratios in canonical token order', () => {
    expect(qualitiesFor('video')).to.deep.equal(['360p', '480p', '540p', '720p', '1080p', '2160p'])
    expect(qualitiesFor('image')).to.deep.equal(['512p', '720p', '1080p', '1440p', '1800p', '2160p'])
    expect(qualitiesFor('upscale')).to.deep.equal(['1080p', '1440p', '2160p'])
    expect(qualitiesFor('voice')).to.deep.equal([])
    expect(aspectRatiosFor('video')).to.deep.equal(['16:9', '4:3', '1:1', '3:4', '9:16', '3:2', '2:3', '21:9'])
    expect(aspectRatiosFor('image')).to.include('auto').and.include('2:1')
    expect(aspectRatiosFor('transition')).to.deep.equal([]) // no --aspect-ratio on transition
    expect(durationsFor('transition_multi')).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect(countRange()).to.deep.equal({min: 1, max: 4})
  })

  it('modelSpec is undefined outside the mode whitelist', () => {
    expect(modelSpec('video', 'v5.5')).to.equal(undefined)
    expect(modelSpec('extend', 'seedance-2.0-fast')).to.equal(undefined)
    expect(modelSpec('image', 'v6')).to.equal(undefined)
  })
})

describe('catalog: samples of every docs/models.md table', () => {
  it('§1 video', () => {
    const v6 = video('video', 'v6')
    expect(v6.durations[0]).to.equal(1)
    expect(v6.durations.at(-1)).to.equal(15)
    expect(v6.durations).to.have.length(15)
    expect(v6).to.include({audio: 'optional', multiShot: true, offPeak: true})
    expect(v6.aspectRatios).to.include('21:9')

    const lite = video('video', 'veo-3.1-lite')
    expect(lite.durations).to.deep.equal([4, 6, 8])
    expect(lite.audio).to.equal('none')
    expect(lite.qualities).to.deep.equal(['720p', '1080p'])
    expect(video('video', 'veo-3.1-fast').audio).to.equal('always')
    expect(video('video', 'veo-3.1-standard').qualities).to.include('2160p')
    expect(video('video', 'happyhorse-1.0').audio).to.equal('always')
    expect(video('video', 'sora-2').qualities).to.deep.equal(['720p'])
    expect(video('video', 'sora-2-pro').durations).to.deep.equal([4, 8, 12])
    expect(video('video', 'pixverse-c1').multiShot).to.equal(false)
    expect(video('video', 'seedance-2.0-standard').offPeak).to.equal(false)
    expect(video('video', 'grok-imagine').offPeak).to.equal(false)
    expect(video('video', 'grok-imagine-1.5')).to.include({requiresImage: true, aspectRatioFromImage: true})
    expect(video('video', 'gemini-omni-flash')).to.include({audio: 'none', defaultDuration: 5})
    expect(video('video', 'v5.6').qualities).to.deep.equal(['360p', '480p', '540p', '720p', '1080p'])
    expect(video('video', 'v5.6').durations.at(-1)).to.equal(10)
  })

  it('§2 transition', () => {
    expect(modelsFor('transition')).to.have.length(13)
    expect(modelsFor('transition')).to.not.include('sora-2')
    expect(modelsFor('transition_multi')).to.deep.equal(['v5'])
    const v5 = video('transition_multi', 'v5')
    expect(v5.audio).to.equal('none')
    expect(v5.qualities).to.deep.equal(['360p', '480p', '540p', '720p', '1080p'])
  })

  it('§3 extend', () => {
    expect(modelsFor('extend')).to.deep.equal(['v6', 'grok-imagine'])
    expect(video('extend', 'grok-imagine').audio).to.equal('none')
  })

  it('§4 reference', () => {
    expect(video('reference', 'v6').inputs.images).to.include({min: 1, max: 7})
    expect(video('reference', 'seedance-2.0-standard').inputs.images.max).to.equal(9)
    expect(video('reference', 'gemini-omni-flash').inputs.images.max).to.equal(5)
    const audios = video('reference', 'seedance-2.0-mini').inputs.audios
    expect(audios).to.include({
      max: 3,
      min_seconds: 2,
      max_seconds: 15,
      max_total_seconds: 15,
      max_bytes: 15 * 1024 * 1024,
    })
    expect(audios.requires_one_of).to.deep.equal(['images', 'videos'])
    expect(video('reference', 'seedance-2.0-fast').inputs.videos).to.include({max: 3, max_total_seconds: 15})
    expect(video('reference', 'kling-o3-pro').inputs.videos.max).to.equal(0)
    // Overrides are per mode: the video-mode Seedance has no reference inputs.
    expect(video('video', 'seedance-2.0-standard').inputs.images).to.equal(undefined)
  })

  it('§5 modify, motion control, upscale, template', () => {
    expect(modelsFor('modify')).to.deep.equal(['v5.5'])
    expect(video('modify', 'v5.5').inputs.images.max).to.equal(5)
    expect(modelsFor('motion_control')).to.deep.equal(['v5.6'])
    expect(modelsFor('upscale')).to.deep.equal([])
    expect(defaultModel('upscale')).to.equal(undefined)
    expect(modelsFor('template')).to.deep.equal([])
  })

  it('§6 image', () => {
    expect(modelsFor('image')).to.have.length(12)
    expect(defaultModel('image')).to.equal('gpt-image-2.0')
    const gpt = video('image', 'gpt-image-2.0')
    expect(gpt.detailLevel).to.deep.equal({values: ['low', 'medium', 'high'], default: 'low'})
    expect(gpt.inputs.images.max).to.equal(9)
    expect(video('image', 'qwen-image').detailLevel).to.equal(undefined)
    expect(video('image', 'kling-image-v3').inputs.images.max).to.equal(1)
    expect(video('image', 'gemini-3.1-flash-lite').inputs.images.max).to.equal(14)
    expect(video('image', 'seedream-4.5').qualities).to.deep.equal(['1440p', '2160p'])
    expect(video('image', 'seedream-5.0-lite').qualities).to.deep.equal(['1440p', '1800p', '2160p'])
    expect(video('image', 'qwen-image').aspectRatios).to.not.include('auto')
    expect(video('image', 'kling-image-o3').aspectRatios).to.not.include('5:4')
  })

  it('§7 voice', () => {
    expect(modelsFor('voice')).to.deep.equal([
      'speech-2.8-hd',
      'speech-2.8-turbo',
      'eleven-multilingual-v2',
      'eleven-v3',
      'eleven-turbo-v2.5',
    ])
    expect(defaultModel('voice')).to.equal('speech-2.8-hd')
    expect(voiceModel('eleven-v3')?.maxChars).to.equal(5000)
    expect(voiceModel('eleven-turbo-v2.5')?.maxChars).to.equal(40_000)
    expect(voiceModel('eleven-v3')?.params.map((p) => p.key)).to.deep.equal(['stability', 'similarity_boost', 'speed'])
    expect(voiceModel('eleven-multilingual-v2')?.params.map((p) => p.key))
      .to.include('style')
      .and.include('use_speaker_boost')
    const hd = voiceModel('speech-2.8-hd')
    expect(hd?.provider).to.equal('minimax')
    expect(hd?.params.find((p) => p.key === 'speed')).to.include({minimum: 0.5, maximum: 2, default: 1})
    expect(hd?.params.find((p) => p.key === 'pitch')).to.include({minimum: -12, maximum: 12, default: 0})
    expect(hd?.params.find((p) => p.key === 'emotion')?.enum).to.include('whisper')
    expect(voiceModel('eleven_v3')).to.equal(undefined)
  })

  it('§8 music', () => {
    expect(defaultModel('music')).to.equal('music-2.6')
    expect(musicModel('music-2.6')).to.include({promptMaxChars: 2000, maxImages: 0, credits: 40})
    expect(musicModel('music-v1')).to.include({promptMaxChars: 4000, credits: 150})
    const lyria = musicModel('lyria-3-pro-preview')
    expect(lyria).to.include({lyrics: false, maxImages: 10, credits: 20, autoLyrics: true})
    expect(lyria?.durationSeconds).to.deep.equal({min: 10, max: 240})
    expect(musicModel('music_v1')).to.equal(undefined)
  })
})
