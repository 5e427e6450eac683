import Ajv from 'ajv'
import {expect} from 'chai'
import {readFileSync, readdirSync} from 'node:fs'
import {join} from 'node:path'

import {ROOT} from './cli.js'

const ajv = new Ajv.default({allErrors: true, strict: true, allowUnionTypes: true})

/** Every committed schema, added under its file name and its $id, so one schema can `$ref` another. */
function loadSchemas(): void {
  if (ajv.getSchema('create-video')) return
  for (const file of readdirSync(join(ROOT, 'schemas')).filter((name) => name.endsWith('.json'))) {
    ajv.addSchema(JSON.parse(readFileSync(join(ROOT, 'schemas', file), 'utf8')), file.replace(/\.json$/, ''))
  }
}

function validator(name: string) {
  loadSchemas()
  const validate = ajv.getSchema(name)
  if (!validate) throw new Error(`no schema schemas/${name}.json`)
  return validate
}

/** Asserts a command's --json result against its committed schema `schemas/<name>.json`. */
export function expectSchema(name: string, value: unknown): void {
  const validate = validator(name)
  const ok = validate(value)
  expect(ok, `${name}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(value, null, 2).slice(0, 2000)}`).to.equal(
    true,
  )
}

/** Whether `schemas/<name>.json` accepts `value` (to show a schema tells results apart). */
export function schemaAccepts(name: string, value: unknown): boolean {
  return validator(name)(value) as boolean
}

/** The API paths (after /creative_platform/) a sandbox logged, in order. */
export function apiPaths(requests: Array<{path: string}>): string[] {
  return requests.map((r) => r.path.replace(/^.*\/creative_platform\//, '')).filter((p) => !p.startsWith('/'))
}
