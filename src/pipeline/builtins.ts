/**
 * The built-in pipelines (`pipeline list`, `pipeline show <name>`): the official PixVerse
 * workflows, each one declared file. Written as YAML so `pipeline show` prints a template to copy.
 */
export const builtinPipelines: Record<string, string> = {
  storyboard: `name: storyboard
description: A prompt becomes a 2x2 storyboard image; its four panels become four image-to-video shots, joined into one film.
vars:
  prompt: {required: true, description: What the film is about}
  duration: {default: '', description: Seconds per shot (default of the model)}
  model: {default: '', description: Video model of the shots}
steps:
  - id: board
    mode: image
    prompt: "A 2x2 storyboard grid of four consecutive film shots, no borders or captions: \${prompt}"
    aspect-ratio: "16:9"
  - id: panels
    mode: split
    image: \${board.image}
    rows: 2
    columns: 2
  - id: shots
    mode: video
    for_each: \${panels.images}
    image: \${item}
    prompt: "Shot \${index} of 4 of a short film: \${prompt}"
    duration: \${duration}
    model: \${model}
  - id: film
    mode: concat
    videos: \${shots.videos}
`,
  production: `name: production
description: A video from text (or a first frame), extended, upscaled, with generated music laid under it.
vars:
  prompt: {required: true, description: What happens}
  image: {default: '', description: Optional first frame (file, URL or asset id)}
  music: {default: 'cinematic instrumental score', description: What the music sounds like}
steps:
  - id: clip
    mode: video
    prompt: \${prompt}
    image: \${image}
  - id: longer
    mode: extend
    video: \${clip.id}
    prompt: \${prompt}
  - id: sharper
    mode: upscale
    video: \${longer.id}
  - id: score
    mode: music
    prompt: \${music}
    instrumental: true
  - id: final
    mode: mux
    video: \${sharper.video}
    audio: \${score.audio}
    fade-in: 0.5
    fade-out: 1
`,
  'image-to-video': `name: image-to-video
description: One image becomes a video.
vars:
  image: {required: true, description: The first frame (file, URL or asset id)}
  prompt: {required: true, description: What happens}
  duration: {default: '', description: Seconds (default of the model)}
steps:
  - id: clip
    mode: video
    image: \${image}
    prompt: \${prompt}
    duration: \${duration}
`,
  'text-image-video': `name: text-image-video
description: A prompt becomes an image, and that image becomes a video.
vars:
  prompt: {required: true, description: What the picture shows}
  motion: {default: 'slow cinematic camera move', description: What happens in the video}
steps:
  - id: still
    mode: image
    prompt: \${prompt}
  - id: clip
    mode: video
    image: \${still.image}
    prompt: "\${prompt}, \${motion}"
`,
  'image-edit': `name: image-edit
description: An image (made from a prompt) edited twice in succession, then brought to life as a video.
vars:
  prompt: {required: true, description: The first image}
  edit: {default: 'warm golden-hour light', description: The first edit}
  second_edit: {default: 'add soft falling snow', description: The second edit}
  motion: {default: 'gentle camera push-in', description: What happens in the video}
steps:
  - id: base
    mode: image
    prompt: \${prompt}
  - id: edited
    mode: image
    image: \${base.id}
    prompt: \${edit}
  - id: final_image
    mode: image
    image: \${edited.id}
    prompt: \${second_edit}
  - id: clip
    mode: video
    image: \${final_image.image}
    prompt: \${motion}
`,
}
