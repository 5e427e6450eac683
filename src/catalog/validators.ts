import {createRequire} from 'node:module'

import type {ErrorObject} from 'ajv'

/** An ajv validate function, precompiled or compiled here. */
export interface ValidateFunction {
  (data: unknown): boolean
  errors?: ErrorObject[] | null
}

const require = createRequire(import.meta.url)
const cache = new Map<string, ValidateFunction>()
let index: Record<string, string> | null | undefined
let ajv: {compile(schema: object): ValidateFunction} | undefined

/**
 * The validator for a catalogue schema. The build compiles every one of them ahead of time
 * (`scripts/build-validators.js` → validators/*.cjs, one file per schema), so a create command neither loads
 * ajv's compiler nor compiles at run time; from sources (tests, bin/dev.js) ajv compiles lazily.
 */
export function validator(key: string, build: () => object): ValidateFunction {
  let validate = cache.get(key)
  if (!validate) {
    validate = fromBuild(key) ?? compile(build())
    cache.set(key, validate)
  }

  return validate
}

function fromBuild(key: string): ValidateFunction | undefined {
  if (index === undefined) {
    try {
      index = require('./validators/index.json') as Record<string, string>
    } catch {
      index = null
    }
  }

  const file = index?.[key]
  return file ? (require(`./validators/${file}`) as ValidateFunction) : undefined
}

function compile(schema: object): ValidateFunction {
  if (!ajv) {
    const {Ajv} = require('ajv') as typeof import('ajv')
    ajv = new Ajv({allErrors: false, strict: true})
  }

  return ajv.compile(schema)
}
