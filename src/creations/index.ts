/**
 * Every creation mode by its command name (`create <name>`). Batch runs and the MCP server use the
 * same specs with the same input keys as the command's flags (kebab-case).
 */
import type {CreationSpec} from './types.js'
import {extendCreation} from './extend.js'
import {imageCreation} from './image.js'
import {modifyCreation} from './modify.js'
import {motionControlCreation} from './motion-control.js'
import {musicCreation} from './music.js'
import {referenceCreation} from './reference.js'
import {soundCreation} from './sound.js'
import {speechCreation} from './speech.js'
import {templateCreation} from './template.js'
import {transitionCreation} from './transition.js'
import {upscaleCreation} from './upscale.js'
import {videoCreation} from './video.js'
import {voiceCreation} from './voice.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const creations: Record<string, CreationSpec<any>> = {
  video: videoCreation,
  image: imageCreation,
  transition: transitionCreation,
  extend: extendCreation,
  upscale: upscaleCreation,
  reference: referenceCreation,
  template: templateCreation,
  modify: modifyCreation,
  'motion-control': motionControlCreation,
  speech: speechCreation,
  sound: soundCreation,
  voice: voiceCreation,
  music: musicCreation,
}

export type CreationName = keyof typeof creations
