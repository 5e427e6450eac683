import {appendFileSync} from 'node:fs'

export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context)
  if (process.env.IMPORT_SPY_FILE) appendFileSync(process.env.IMPORT_SPY_FILE, result.url + '\n')
  return result
}
