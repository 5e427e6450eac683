#!/usr/bin/env node
// Build step: compiles every catalogue schema with ajv ahead of time, one small CommonJS module
// per schema under dist/catalog/validators/, so a create command loads only the one it needs and
// never compiles at run time. index.json maps each cache key to its file.
import {mkdirSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'

const require = createRequire(import.meta.url)
const {Ajv} = require('ajv')
const standaloneCode = require('ajv/dist/standalone').default
const {validatorSchemas} = await import('../dist/catalog/resolve.js')

const dir = new URL('../dist/catalog/validators/', import.meta.url)
mkdirSync(dir, {recursive: true})
const index = {}
Object.entries(validatorSchemas()).forEach(([key, schema], n) => {
  const ajv = new Ajv({allErrors: false, strict: true, code: {source: true}})
  const file = `v${n}.cjs`
  writeFileSync(new URL(file, dir), standaloneCode(ajv, ajv.compile(schema)))
  index[key] = file
})
writeFileSync(new URL('index.json', dir), JSON.stringify(index))
process.stdout.write(`precompiled ${Object.keys(index).length} catalogue validators\n`)
