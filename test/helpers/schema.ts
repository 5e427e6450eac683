import Ajv from 'ajv'
import {expect} from 'chai'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {ROOT} from './cli.js'

const ajv = new Ajv.default({allErrors: true, strict: true, allowUnionTypes: true})

/** Asserts a command's --json result against its committed schema `schemas/<name>.json`. */
export function expectSchema(name: string, value: unknown): void {
  const validate =
    ajv.getSchema(name) ??
    (ajv.addSchema(JSON.parse(readFileSync(join(ROOT, 'schemas', `${name}.json`), 'utf8')), name), ajv.getSchema(name)!)
  const ok = validate(value)
  expect(ok, `${name}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(value, null, 2).slice(0, 2000)}`).to.equal(
    true,
  )
}

/** The API paths (after /creative_platform/) a sandbox logged, in order. */
export function apiPaths(requests: Array<{path: string}>): string[] {
  return requests.map((r) => r.path.replace(/^.*\/creative_platform\//, '')).filter((p) => !p.startsWith('/'))
}
