/**
 * Seeded browse data for the sandbox: template categories and templates, voices, TTS and music
 * models. Written for the sandbox from docs/protocol.md §3.13, §3.17, §3.18; deliberately not shared
 * with the CLI's own model catalogue.
 */

/**
 * Output qualities the service accepts (docs/models.md): video 480p is seedance-2.0-*, grok-imagine* and
 * v5.6; image 1800p is seedream-5.0-lite. Per-model limits are the client's business; the sandbox
 * refuses only what no model takes.
 */
export const VIDEO_QUALITIES = ['360p', '480p', '540p', '720p', '1080p', '1440p', '2160p']
export const IMAGE_QUALITIES = ['512p', '720p', '1080p', '1440p', '1800p', '2k', '2160p', '4k']

export interface SeedTemplate {
  template_id: number
  display_name: string
  display_prompt: string
  template_type: 1 | 2 // 2 = image template, otherwise video
  effect_type: 0 | 1 | 2 | 3 // 0 text only, 1 one image (or a video with supported_features 1000), N = N images
  supported_features: number
  video_base_cost: number
  fixed_cost: number
  template_model: string
  duration: number
  category_id: number
  tags: string[]
}

export const TEMPLATE_CATEGORIES = [
  {id: 301, category_name: 'Trending', i18n: 'Trending'},
  {id: 302, category_name: 'Funny', i18n: 'Funny'},
  {id: 303, category_name: 'Romance', i18n: 'Romance'},
  {id: 304, category_name: 'Fantasy', i18n: 'Fantasy'},
  {id: 305, category_name: 'Photo Styles', i18n: 'Photo Styles'},
  {id: 306, category_name: 'Holidays', i18n: 'Holidays'},
]

const NAMES: Record<number, string[]> = {
  301: ['Muscle Surge', 'Venom Transform', 'Earth Zoom', 'Hug Your Past', 'Dance Challenge', 'Slow Motion Hero'],
  302: ['Squish It', 'Inflate', 'Cake-ify', 'Melt Down', 'Tiny Planet', 'Bobblehead'],
  303: ['AI Kiss', 'Hold Hands', 'Wedding Day', 'Sunset Walk', 'First Date', 'Love Letter'],
  304: ['Dragon Rider', 'Wizard Spell', 'Fairy Wings', 'Elf Ears', 'Mermaid Tail', 'Cyber Knight'],
  305: ['Ghibli Portrait', 'Oil Painting', 'Pixel Art', 'Comic Book', 'Claymation Still', 'Vintage Film'],
  306: ['Snow Globe', 'Fireworks', 'Pumpkin Head', 'Santa Hat', 'Lantern Festival', 'Spring Blossoms'],
}

function buildTemplates(): SeedTemplate[] {
  const out: SeedTemplate[] = []
  let n = 0
  for (const category of TEMPLATE_CATEGORIES) {
    for (const name of NAMES[category.id]) {
      const image = category.id === 305 || n % 7 === 3 // photo styles are image templates, plus a few more
      const effect = (n % 4) as 0 | 1 | 2 | 3
      out.push({
        template_id: 315_000 + n,
        display_name: name,
        display_prompt: `${name}: the subject transforms with a cinematic ${name.toLowerCase()} effect`,
        template_type: image ? 2 : 1,
        effect_type: image && effect === 0 ? 1 : effect,
        supported_features: 0,
        video_base_cost: image ? 0 : 20 + (n % 3) * 10,
        fixed_cost: image ? 20 : 0,
        template_model: image ? 'qwen-image' : n % 2 ? 'v5.5' : 'v5.6',
        duration: image ? 0 : 5,
        category_id: category.id,
        tags: [category.category_name.toLowerCase(), image ? 'image' : 'video'],
      })
      n++
    }
  }
  // One video-to-video template: effect_type 1 with supported_features 1000 takes a video input.
  const v2v = out.find((t) => t.display_name === 'Slow Motion Hero')!
  Object.assign(v2v, {
    template_type: 1,
    effect_type: 1,
    supported_features: 1000,
    template_model: 'v5.5',
    duration: 5,
    fixed_cost: 0,
    video_base_cost: 30,
  })
  return out
}

export const TEMPLATES: SeedTemplate[] = buildTemplates()

export const TTS_MODELS = {
  default_model: 'speech-2.8-hd',
  provider_groups: [
    {
      provider: 'minimax',
      display_name: 'MiniMax',
      models: [
        {
          model: 'speech-2.8-hd',
          display_name: 'MiniMax Speech 2.8 HD',
          max_characters: 10000,
          capability_tags: ['emotion', 'hd'],
          supported_language_codes: ['en', 'zh', 'ja', 'ko', 'es', 'fr', 'de'],
        },
        {
          model: 'speech-2.8-turbo',
          display_name: 'MiniMax Speech 2.8 Turbo',
          max_characters: 10000,
          capability_tags: ['emotion', 'fast'],
          supported_language_codes: ['en', 'zh', 'ja', 'ko', 'es', 'fr', 'de'],
        },
      ],
    },
    {
      provider: 'elevenlabs',
      display_name: 'ElevenLabs',
      models: [
        {
          model: 'eleven-multilingual-v2',
          display_name: 'Eleven Multilingual v2',
          max_characters: 10000,
          capability_tags: ['multilingual'],
          supported_language_codes: ['en', 'es', 'fr', 'de', 'it', 'pt', 'ja'],
        },
        {
          model: 'eleven-v3',
          display_name: 'Eleven v3',
          max_characters: 5000,
          capability_tags: ['expressive'],
          supported_language_codes: ['en', 'es', 'fr', 'de'],
        },
        {
          model: 'eleven-turbo-v2.5',
          display_name: 'Eleven Turbo v2.5',
          max_characters: 40000,
          capability_tags: ['fast'],
          supported_language_codes: ['en', 'es', 'fr', 'de', 'it'],
        },
      ],
    },
  ],
  languages: [
    {code: 'en', display_name: 'English', native_name: 'English'},
    {code: 'zh', display_name: 'Chinese', native_name: '中文'},
    {code: 'ja', display_name: 'Japanese', native_name: '日本語'},
    {code: 'ko', display_name: 'Korean', native_name: '한국어'},
    {code: 'es', display_name: 'Spanish', native_name: 'Español'},
    {code: 'fr', display_name: 'French', native_name: 'Français'},
    {code: 'de', display_name: 'German', native_name: 'Deutsch'},
    {code: 'it', display_name: 'Italian', native_name: 'Italiano'},
    {code: 'pt', display_name: 'Portuguese', native_name: 'Português'},
  ],
}

export const MUSIC_MODELS = {
  default_model: 'music-2.6',
  provider_groups: [
    {
      provider: 'minimax',
      display_name: 'MiniMax',
      models: [
        {
          model: 'music-2.6',
          display_name: 'MiniMax Music 2.6',
          duration_min_seconds: 10,
          duration_max_seconds: 240,
          supports_lyrics: true,
          supports_image_reference: false,
          image_max_count: 0,
          credits: 20,
        },
      ],
    },
    {
      provider: 'elevenlabs',
      display_name: 'ElevenLabs',
      models: [
        {
          model: 'music-v1',
          display_name: 'Eleven Music v1',
          duration_min_seconds: 10,
          duration_max_seconds: 240,
          supports_lyrics: true,
          supports_image_reference: false,
          image_max_count: 0,
          credits: 20,
        },
      ],
    },
    {
      provider: 'google',
      display_name: 'Google',
      models: [
        {
          model: 'lyria-3-pro-preview',
          display_name: 'Lyria 3 Pro (preview)',
          duration_min_seconds: 10,
          duration_max_seconds: 240,
          supports_lyrics: false,
          supports_image_reference: true,
          image_max_count: 10,
          credits: 20,
        },
      ],
    },
  ],
}

interface SeedVoice {
  voice_id: string
  provider_voice_id: string
  display_name: string
  provider: 'minimax' | 'elevenlabs'
  gender: 'male' | 'female'
  accent: string
  models: string[]
  languages: string[]
}

function buildVoices(): SeedVoice[] {
  const minimax = ['speech-2.8-hd', 'speech-2.8-turbo']
  const eleven = ['eleven-multilingual-v2', 'eleven-v3', 'eleven-turbo-v2.5']
  const people: Array<[string, 'male' | 'female', string, string[]]> = [
    ['Aria', 'female', 'American', ['en']],
    ['Ben', 'male', 'British', ['en']],
    ['Chloe', 'female', 'Australian', ['en']],
    ['Diego', 'male', 'Mexican', ['es', 'en']],
    ['Elise', 'female', 'Parisian', ['fr', 'en']],
    ['Felix', 'male', 'German', ['de', 'en']],
    ['Hana', 'female', 'Tokyo', ['ja']],
    ['Jun', 'male', 'Seoul', ['ko']],
    ['Lan', 'female', 'Mandarin', ['zh']],
    ['Marco', 'male', 'Italian', ['it', 'en']],
    ['Nina', 'female', 'Brazilian', ['pt', 'es']],
    ['Omar', 'male', 'Neutral', ['en']],
  ]
  const out: SeedVoice[] = []
  for (const [i, [name, gender, accent, languages]] of people.entries()) {
    out.push({
      voice_id: `mm_${name.toLowerCase()}`,
      provider_voice_id: `minimax-${1000 + i}`,
      display_name: name,
      provider: 'minimax',
      gender,
      accent,
      models: minimax,
      languages,
    })
    out.push({
      voice_id: `el_${name.toLowerCase()}`,
      provider_voice_id: `EL${(0x5a17 + i * 97).toString(16)}`,
      display_name: `${name} (ElevenLabs)`,
      provider: 'elevenlabs',
      gender,
      accent,
      models: eleven,
      languages,
    })
  }
  return out
}

export const VOICES: SeedVoice[] = buildVoices()
