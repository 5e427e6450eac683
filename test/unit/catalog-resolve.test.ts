import {expect} from 'chai'

import {assertMediaInputs} from '../../src/catalog/media-limits.js'
import {resolveMusicParams, resolveVoiceParams} from '../../src/catalog/resolve-audio.js'
import {assertModel, resolveModel, transitionModeFor} from '../../src/catalog/resolve-model.js'
import {resolveCreationParams} from '../../src/catalog/resolve.js'

/** Runs fn, expects a validation error (exit 6), returns it. */
function fails(fn: () => unknown): {message: string; exitCode: number; hint?: string} {
  try {
    fn()
  } catch (error) {
    const e = error as {message: string; exitCode: number; hint?: string}
    expect(e.exitCode, e.message).to.equal(6)
    return e
  }

  expect.fail('expected a validation error')
}

describe('resolve: model whitelist', () => {
  it('accepts whitelisted models', () => {
    expect(() => assertModel('video', 'v6')).to.not.throw()
    expect(() => assertModel('modify', 'v5.5')).to.not.throw()
  })

  it('rejects a removed model with the allowed list and a hint', () => {
    const e = fails(() => assertModel('video', 'v5.5'))
    expect(e.message).to.match(/^Model "v5\.5" is not available for video\. Allowed: v6, pixverse-c1, /)
    expect(e.message).to.contain('sora-2, v5.6')
    expect(e.hint).to.equal('pixverse config defaults set video model v6')
  })

  it('names the fix when the bad model is a saved default', () => {
    const e = fails(() => assertModel('image', 'gpt-image-1.5', {source: 'default'}))
    expect(e.message).to.contain('saved image defaults')
    expect(e.message).to.contain('pixverse config defaults set image model gpt-image-2.0')
    expect(e.hint).to.equal('pixverse config defaults set image model gpt-image-2.0')
  })

  it('resolveModel: flag > saved default > built-in', () => {
    expect(resolveModel('video').model).to.equal('v6')
    expect(resolveModel('video', undefined, {stored: 'sora-2'})).to.include({model: 'sora-2', source: 'config'})
    expect(resolveModel('video', 'veo-3.1-fast', {stored: 'sora-2'})).to.include({
      model: 'veo-3.1-fast',
      source: 'flag',
    })
    const e = fails(() => resolveModel('video', undefined, {stored: 'v5'}))
    expect(e.message).to.contain('pixverse config defaults set video model v6')
    expect(resolveModel('upscale').model).to.equal(undefined)
    fails(() => resolveModel('upscale', 'v6'))
  })

  it('3+ image transitions replace the model with v5 and warn', () => {
    expect(transitionModeFor(2)).to.equal('transition')
    expect(transitionModeFor(3)).to.equal('transition_multi')
    expect(fails(() => transitionModeFor(1)).message).to.equal(
      'At least 2 images are required for transition (use --images)',
    )
    const r = resolveModel('transition_multi', 'v5.6')
    expect(r.model).to.equal('v5')
    expect(r.warnings).to.deep.equal(['--model v5.6 does not support 3+ image transitions, using v5'])
    expect(resolveModel('transition_multi', undefined, {stored: 'v6'})).to.deep.include({model: 'v5', warnings: []})
  })
})

describe('resolve: soft coercion (warnings, never errors)', () => {
  it('quality → 720p for video when allowed', () => {
    const r = resolveCreationParams('video', 'sora-2', {quality: '1080p'})
    expect(r.values.quality).to.equal('720p')
    expect(r.warnings).to.deep.equal(['Model "sora-2" does not support quality "1080p" (valid: 720p). Using "720p".'])
  })

  it('quality → first allowed when 720p is not (seedance 2160p ok, grok 1080p → 720p, kling 1080p → 720p)', () => {
    expect(resolveCreationParams('video', 'seedance-2.0-standard', {quality: '2160p'}).values.quality).to.equal('2160p')
    expect(resolveCreationParams('video', 'veo-3.1-lite', {quality: '360p'}).values.quality).to.equal('720p')
    expect(resolveCreationParams('video', 'gemini-omni-flash', {quality: '1080p'}).values.quality).to.equal('720p')
  })

  it('image quality → 1080p, else first allowed (Seedream 4.5 / 5.0 Lite → 1440p)', () => {
    expect(resolveCreationParams('image', 'qwen-image', {quality: '2160p'}).values.quality).to.equal('1080p')
    const r = resolveCreationParams('image', 'seedream-4.5', {quality: '1080p'})
    expect(r.values.quality).to.equal('1440p')
    expect(r.warnings[0]).to.equal(
      'Model "seedream-4.5" does not support quality "1080p" (valid: 1440p, 2160p). Using "1440p".',
    )
    expect(resolveCreationParams('image', 'seedream-5.0-lite', {}).values.quality).to.equal('1440p')
    // the built-in default is coerced silently
    expect(resolveCreationParams('image', 'seedream-5.0-lite', {}).warnings).to.deep.equal([])
  })

  it('duration snaps to the nearest allowed value; 999 → max', () => {
    let r = resolveCreationParams('video', 'v6', {duration: 999})
    expect(r.values.duration).to.equal(15)
    expect(r.warnings).to.deep.equal(['Model "v6" does not support duration "999" (valid: 1-15). Using "15".'])
    r = resolveCreationParams('video', 'veo-3.1-fast', {duration: 7})
    expect(r.values.duration).to.equal(6)
    r = resolveCreationParams('video', 'sora-2', {duration: '11'})
    expect(r.values.duration).to.equal(12)
    expect(r.warnings[0]).to.equal('Model "sora-2" does not support duration "11" (valid: 4, 8, 12). Using "12".')
    expect(resolveCreationParams('video', 'seedance-2.0-fast', {duration: 1}).values.duration).to.equal(4)
    expect(resolveCreationParams('video', 'v6', {duration: 10}).warnings).to.deep.equal([])
  })

  it('built-in duration 5: kept if allowed, else the first allowed, silently', () => {
    const r = resolveCreationParams('video', 'veo-3.1-lite', {})
    expect(r.values.duration).to.equal(4)
    expect(r.warnings).to.deep.equal([])
    expect(resolveCreationParams('video', 'gemini-omni-flash', {}).values.duration).to.equal(5)
  })

  it('aspect ratio → 16:9 (video) / 1:1 (image) or first', () => {
    const r = resolveCreationParams('video', 'sora-2', {'aspect-ratio': '1:1'})
    expect(r.values.aspect_ratio).to.equal('16:9')
    expect(r.warnings[0]).to.equal(
      'Model "sora-2" does not support aspect ratio "1:1" (valid: 16:9, 9:16). Using "16:9".',
    )
    expect(resolveCreationParams('image', 'gemini-3.0', {'aspect-ratio': '2:1'}).values.aspect_ratio).to.equal('1:1')
    expect(resolveCreationParams('image', 'gpt-image-2.0', {'aspect-ratio': 'auto'}).values.aspect_ratio).to.equal(
      '1:1',
    )
    expect(resolveCreationParams('image', 'gemini-3.0', {'aspect-ratio': 'auto'}).values.aspect_ratio).to.equal('auto')
    expect(resolveCreationParams('image', 'gpt-image-2.0', {}).values.aspect_ratio).to.equal('16:9')
  })

  it('aspect ratio is not sent for i2v, and ignored for grok-imagine-1.5', () => {
    expect(
      resolveCreationParams('video', 'v6', {'aspect-ratio': '9:16'}, {inputs: {images: 1}}).values,
    ).to.not.have.property('aspect_ratio')
    const r = resolveCreationParams('video', 'grok-imagine-1.5', {'aspect-ratio': '9:16'}, {inputs: {images: 1}})
    expect(r.values).to.not.have.property('aspect_ratio')
  })

  it('audio: always → on; unsupported → warn & omit; optional → as asked', () => {
    let r = resolveCreationParams('video', 'veo-3.1-fast', {audio: false})
    expect(r.values.audio).to.equal(true)
    expect(r.warnings).to.deep.equal(['Model "veo-3.1-fast" always generates audio; ignoring --no-audio.'])
    expect(resolveCreationParams('video', 'happyhorse-1.0', {}).values.audio).to.equal(true)
    r = resolveCreationParams('video', 'sora-2', {audio: true})
    expect(r.values).to.not.have.property('audio')
    expect(r.warnings).to.deep.equal(['Model "sora-2" does not support audio; ignoring --audio.'])
    // built-in audio default on: silent for a model without audio
    expect(resolveCreationParams('video', 'sora-2', {}).warnings).to.deep.equal([])
    expect(resolveCreationParams('video', 'v6', {audio: false}).values).to.not.have.property('audio')
    expect(resolveCreationParams('video', 'v6', {}).values.audio).to.equal(true)
    expect(resolveCreationParams('extend', 'grok-imagine', {audio: true}).warnings).to.deep.equal([
      'Model "grok-imagine" does not support audio; ignoring --audio.',
    ])
  })

  it('multi-shot only where supported', () => {
    expect(resolveCreationParams('video', 'v6', {}).values.multi_shot).to.equal(true)
    expect(resolveCreationParams('video', 'v6', {'multi-shot': false}).values).to.not.have.property('multi_shot')
    const r = resolveCreationParams('video', 'pixverse-c1', {'multi-shot': true})
    expect(r.values).to.not.have.property('multi_shot')
    expect(r.warnings).to.deep.equal(['Model "pixverse-c1" does not support multi-shot; ignoring --multi-shot.'])
    expect(resolveCreationParams('video', 'pixverse-c1', {}).warnings).to.deep.equal([])
  })

  it('off-peak: native models only', () => {
    expect(resolveCreationParams('video', 'v6', {'off-peak': true}).values.off_peak).to.equal(true)
    const r = resolveCreationParams('video', 'kling-3.0-pro', {'off-peak': true})
    expect(r.values).to.not.have.property('off_peak')
    expect(r.warnings).to.deep.equal(['Model "kling-3.0-pro" does not support off-peak; ignoring --off-peak.'])
    expect(resolveCreationParams('modify', 'v5.5', {}, {defaults: {off_peak: true}}).values.off_peak).to.equal(true)
  })

  it('saved defaults are used and, when unsupported, coerced with a warning', () => {
    const r = resolveCreationParams('video', 'sora-2', {}, {defaults: {quality: '1080p'}})
    expect(r.values.quality).to.equal('720p')
    expect(r.warnings).to.have.length(1)
    expect(resolveCreationParams('video', 'v6', {}, {defaults: {quality: '1080p'}}).values.quality).to.equal('1080p')
    expect(
      resolveCreationParams('video', 'v6', {quality: '360p'}, {defaults: {quality: '1080p'}}).values.quality,
    ).to.equal('360p')
  })

  it('produces the observed default bodies', () => {
    expect(resolveCreationParams('video', undefined, {}).values).to.deep.equal({
      model: 'v6',
      quality: '720p',
      duration: 5,
      aspect_ratio: '16:9',
      audio: true,
      multi_shot: true,
      count: 1,
    })
    expect(resolveCreationParams('image', undefined, {}).values).to.deep.equal({
      model: 'gpt-image-2.0',
      quality: '1080p',
      aspect_ratio: '16:9',
      count: 1,
      detail_level: 'low',
    })
    expect(resolveCreationParams('transition_multi', 'v5', {}).values).to.deep.equal({
      model: 'v5',
      quality: '720p',
      duration: 5,
    })
    expect(resolveCreationParams('upscale', undefined, {}).values).to.deep.equal({quality: '2160p'})
  })

  it('3+ image transitions ignore --count with a warning', () => {
    const r = resolveCreationParams('transition_multi', 'v5', {count: 2})
    expect(r.values).to.not.have.property('count')
    expect(r.warnings).to.deep.equal(['--count has no effect for 3+ image transitions; ignoring it.'])
  })
})

describe('resolve: hard limits (exit 6)', () => {
  it('--count must be an integer 1–4', () => {
    expect(fails(() => resolveCreationParams('video', 'v6', {count: '5'})).message).to.equal(
      'Invalid --count value: "5" (must be an integer between 1 and 4)',
    )
    expect(fails(() => resolveCreationParams('image', 'gpt-image-2.0', {count: 0})).message).to.contain('--count')
    expect(fails(() => resolveCreationParams('video', 'v6', {count: '1.5'})).message).to.contain('"1.5"')
    expect(fails(() => resolveCreationParams('video', 'v6', {count: 'abc'})).message).to.contain('"abc"')
    expect(resolveCreationParams('video', 'v6', {count: '4'}).values.count).to.equal(4)
    expect(fails(() => resolveCreationParams('video', 'v6', {count: 9})).message).to.equal(
      'Invalid --count value: "9" (must be an integer between 1 and 4)',
    )
  })

  it('a bad saved count names the fix', () => {
    const e = fails(() => resolveCreationParams('video', 'v6', {}, {defaults: {count: 9}}))
    expect(e.message).to.contain('pixverse config defaults set video count 1')
  })

  it('non-numeric --duration is an error', () => {
    expect(fails(() => resolveCreationParams('video', 'v6', {duration: 'long'})).message).to.contain('--duration')
  })

  it('image inputs over the model maximum', () => {
    const e = fails(() => resolveCreationParams('image', 'kling-image-v3', {}, {inputs: {images: 2}}))
    expect(e.message).to.equal('Model "kling-image-v3" accepts at most 1 image (--image/--images); got 2.')
    expect(() => resolveCreationParams('image', 'gemini-3.1-flash-lite', {}, {inputs: {images: 14}})).to.not.throw()
    fails(() => resolveCreationParams('image', 'qwen-image', {}, {inputs: {images: 4}}))
    expect(fails(() => resolveCreationParams('modify', 'v5.5', {}, {inputs: {images: 6}})).message).to.contain(
      '--images',
    )
  })

  it('reference image counts per model', () => {
    expect(() => resolveCreationParams('reference', 'seedance-2.0-standard', {}, {inputs: {images: 9}})).to.not.throw()
    expect(fails(() => resolveCreationParams('reference', 'v6', {}, {inputs: {images: 8}})).message).to.contain(
      'at most 7 images (--images)',
    )
    expect(
      fails(() => resolveCreationParams('reference', 'gemini-omni-flash', {}, {inputs: {images: 6}})).message,
    ).to.contain('at most 5')
    expect(fails(() => resolveCreationParams('reference', 'v6', {}, {inputs: {images: 0}})).message).to.equal(
      'At least 1 image is required for reference (use --images)',
    )
  })

  it('reference videos/audios: Seedance only, ≤3, durations, size, needs a visual input', () => {
    expect(
      fails(() => resolveCreationParams('reference', 'v6', {}, {inputs: {images: 1, videos: 1}})).message,
    ).to.contain('seedance-2.0-standard, seedance-2.0-fast, seedance-2.0-mini')
    fails(() => resolveCreationParams('reference', 'seedance-2.0-fast', {}, {inputs: {images: 1, videos: 4}}))
    const m = 'seedance-2.0-fast'
    expect(() => assertMediaInputs('reference', m, {images: 1, videos: [{seconds: 5}, {seconds: 10}]})).to.not.throw()
    expect(
      fails(() => assertMediaInputs('reference', m, {images: 1, videos: [{seconds: 10}, {seconds: 6}]})).message,
    ).to.contain('15 s')
    expect(fails(() => assertMediaInputs('reference', m, {images: 1, audios: [{seconds: 1}]})).message).to.contain(
      'between 2 and 15 s',
    )
    expect(
      fails(() => assertMediaInputs('reference', m, {images: 1, audios: [{seconds: 5, bytes: 16 * 1024 * 1024}]}))
        .message,
    ).to.contain('15 MB')
    expect(
      fails(() => assertMediaInputs('reference', m, {images: 0, videos: [], audios: [{seconds: 5}]})).message,
    ).to.match(/--audios needs at least one --images or --videos input|At least 1 image/)
  })

  it('grok-imagine-1.5 requires an image', () => {
    expect(fails(() => resolveCreationParams('video', 'grok-imagine-1.5', {}, {inputs: {images: 0}})).message).to.equal(
      'Model "grok-imagine-1.5" requires an image input (use --image)',
    )
    expect(() => resolveCreationParams('video', 'grok-imagine-1.5', {}, {inputs: {images: 1}})).to.not.throw()
  })

  it('--detail-level only with gpt-image-2.0, and only its values', () => {
    expect(resolveCreationParams('image', 'gpt-image-2.0', {'detail-level': 'high'}).values.detail_level).to.equal(
      'high',
    )
    expect(fails(() => resolveCreationParams('image', 'qwen-image', {'detail-level': 'high'})).message).to.equal(
      '--detail-level is only supported by gpt-image-2.0 (not qwen-image).',
    )
    expect(fails(() => resolveCreationParams('image', 'gpt-image-2.0', {'detail-level': 'ultra'})).message).to.equal(
      'Invalid --detail-level value: "ultra" (allowed: low, medium, high)',
    )
    expect(resolveCreationParams('image', 'qwen-image', {}).values).to.not.have.property('detail_level')
  })

  it('upscale accepts 1080p, 1440p, 2160p only', () => {
    expect(resolveCreationParams('upscale', undefined, {quality: '1440p'}).values.quality).to.equal('1440p')
    expect(fails(() => resolveCreationParams('upscale', undefined, {quality: '720p'})).message).to.equal(
      'Invalid --quality value: "720p" (allowed: 1080p, 1440p, 2160p)',
    )
  })
})

describe('resolve: voice', () => {
  it('defaults per provider', () => {
    expect(resolveVoiceParams(undefined, {text: 'hello'}).values).to.deep.equal({
      model: 'speech-2.8-hd',
      voice_settings: {speed: 1, volume: 1, pitch: 0},
    })
    expect(resolveVoiceParams('eleven-multilingual-v2', {text: 'hi'}).values.voice_settings).to.deep.equal({
      stability: 0.5,
      similarity_boost: 0.75,
      speed: 1,
      style: 0,
      use_speaker_boost: true,
    })
    expect(resolveVoiceParams('eleven-v3', {text: 'hi', stability: '0.3'}).values.voice_settings).to.deep.equal({
      stability: 0.3,
      similarity_boost: 0.75,
      speed: 1,
    })
    expect(resolveVoiceParams('speech-2.8-turbo', {emotion: 'calm'}).values.voice_settings.emotion).to.equal('calm')
    expect(resolveVoiceParams('speech-2.8-hd', {language: 'fr'}).values.language_code).to.equal('fr')
    expect(resolveVoiceParams('speech-2.8-hd', {language: 'auto'}).values).to.not.have.property('language_code')
    expect(resolveVoiceParams('eleven-v3', {language: 'fr'}).values).to.not.have.property('language_code')
  })

  it('unknown model (underscore id)', () => {
    expect(fails(() => resolveVoiceParams('eleven_v3', {})).message).to.contain(
      'Model "eleven_v3" is not available for voice',
    )
  })

  it('text over the model limit', () => {
    expect(() => resolveVoiceParams('eleven-v3', {text: 'x'.repeat(5000)})).to.not.throw()
    expect(fails(() => resolveVoiceParams('eleven-v3', {text: 'x'.repeat(5001)})).message).to.equal(
      '--text is too long for eleven-v3: 5001 characters (max 5000).',
    )
    expect(() => resolveVoiceParams('speech-2.8-hd', {text: 'x'.repeat(10_000)})).to.not.throw()
  })

  it('cross-provider flags', () => {
    expect(fails(() => resolveVoiceParams('eleven-v3', {volume: 3})).message).to.contain('--volume')
    expect(fails(() => resolveVoiceParams('speech-2.8-hd', {stability: 0.5})).message).to.contain('--stability')
    expect(fails(() => resolveVoiceParams('eleven-v3', {style: 0.5})).message).to.equal(
      '--style is not supported by ElevenLabs model "eleven-v3" (only: eleven-multilingual-v2).',
    )
    fails(() => resolveVoiceParams('eleven-turbo-v2.5', {'use-speaker-boost': false}))
  })

  it('out-of-range numbers', () => {
    expect(fails(() => resolveVoiceParams('eleven-v3', {speed: 1.5})).message).to.equal(
      '--speed must be between 0.7 and 1.2',
    )
    expect(fails(() => resolveVoiceParams('speech-2.8-hd', {speed: 2.5})).message).to.equal(
      '--speed must be between 0.5 and 2',
    )
    expect(() => resolveVoiceParams('speech-2.8-hd', {speed: 2})).to.not.throw()
    expect(fails(() => resolveVoiceParams('speech-2.8-hd', {pitch: 13})).message).to.contain('--pitch')
    expect(fails(() => resolveVoiceParams('speech-2.8-hd', {volume: 11})).message).to.equal(
      '--volume must be between 0 and 10',
    )
    expect(fails(() => resolveVoiceParams('eleven-v3', {stability: 'high'})).message).to.contain('--stability')
    expect(fails(() => resolveVoiceParams('speech-2.8-hd', {emotion: 'bored'})).message).to.contain(
      'Invalid --emotion value: "bored"',
    )
  })
})

describe('resolve: music', () => {
  it('default body', () => {
    expect(resolveMusicParams(undefined, {prompt: 'jazz', lyrics: 'la la'}).values).to.deep.equal({
      model: 'music-2.6',
      instrumental: false,
      auto_lyrics: false,
      duration_auto: true,
      duration_seconds: 0,
      lyrics: 'la la',
    })
  })

  it('lyria rejects --lyrics, even with --instrumental', () => {
    expect(
      fails(() => resolveMusicParams('lyria-3-pro-preview', {prompt: 'x', lyrics: 'la', instrumental: true})).message,
    ).to.equal('Google Lyria 3 Pro does not support --lyrics. Put lyric-like instructions in --prompt instead.')
    expect(() => resolveMusicParams('lyria-3-pro-preview', {prompt: 'x'})).to.not.throw()
  })

  it('lyrics required unless instrumental / auto-lyrics', () => {
    expect(fails(() => resolveMusicParams('music-v1', {prompt: 'x'})).message).to.equal(
      '--lyrics is required unless --instrumental or --auto-lyrics is used',
    )
    expect(resolveMusicParams('music-v1', {prompt: 'x', instrumental: true}).values).to.include({
      instrumental: true,
      auto_lyrics: false,
    })
    const r = resolveMusicParams('music-2.6', {prompt: 'x', 'auto-lyrics': true, lyrics: 'la'})
    expect(r.values).to.include({auto_lyrics: true}).and.not.have.property('lyrics')
    expect(r.warnings).to.have.length(1)
    expect(
      resolveMusicParams('music-2.6', {prompt: 'x', instrumental: true, 'auto-lyrics': true}).values.auto_lyrics,
    ).to.equal(false)
  })

  it('duration-seconds 10–240', () => {
    expect(
      resolveMusicParams('music-2.6', {prompt: 'x', instrumental: true, 'duration-seconds': '60'}).values,
    ).to.include({
      duration_auto: false,
      duration_seconds: 60,
    })
    expect(
      fails(() => resolveMusicParams('music-2.6', {prompt: 'x', instrumental: true, 'duration-seconds': 9})).message,
    ).to.equal('--duration-seconds must be an integer between 10 and 240')
    fails(() => resolveMusicParams('music-2.6', {prompt: 'x', instrumental: true, 'duration-seconds': 241}))
  })

  it('--image only for lyria, ≤10', () => {
    expect(
      fails(() => resolveMusicParams('music-2.6', {prompt: 'x', instrumental: true}, {inputs: {images: 1}})).message,
    ).to.contain('--image is only supported by lyria-3-pro-preview')
    expect(() => resolveMusicParams('lyria-3-pro-preview', {prompt: 'x'}, {inputs: {images: 10}})).to.not.throw()
    expect(
      fails(() => resolveMusicParams('lyria-3-pro-preview', {prompt: 'x'}, {inputs: {images: 11}})).message,
    ).to.contain('at most 10')
  })

  it('prompt and lyrics lengths', () => {
    expect(
      fails(() => resolveMusicParams('music-2.6', {prompt: 'x'.repeat(2001), instrumental: true})).message,
    ).to.contain('max 2000')
    expect(() => resolveMusicParams('lyria-3-pro-preview', {prompt: 'x'.repeat(5000)})).to.not.throw()
    expect(fails(() => resolveMusicParams('music-v1', {prompt: 'x', lyrics: 'y'.repeat(3501)})).message).to.contain(
      'max 3500',
    )
  })
})
