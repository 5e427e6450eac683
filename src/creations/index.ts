/**
 * Every creation mode by its command name (`create <name>`). Batch runs, pipelines and the MCP server
 * use the same definitions with the same input keys as the command's flags (kebab-case).
 */
import type {Creation} from './define.js'
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

export const creations = {
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
} satisfies Record<string, Creation>

export type CreationName = keyof typeof creations

export const creationNames = Object.keys(creations) as CreationName[]

export function isCreationName(name: string): name is CreationName {
  return Object.hasOwn(creations, name)
}

/** The definition of `create <name>`, or undefined for a name that is not a creation mode. */
export function creationNamed(name: string): Creation | undefined {
  return isCreationName(name) ? creations[name] : undefined
}
