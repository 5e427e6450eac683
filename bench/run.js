#!/usr/bin/env node
// `npm run bench [startup|polling|transfers|concurrency|batch|fan-out|pipeline|sandbox …]`: figures measured side by side in one
// run, medians over repeated runs, ratios against a baseline measured in the same run.
import {cpus, totalmem} from 'node:os'

import {batchBench} from './batch.js'
import {concurrencyBench} from './concurrency.js'
import {fanOutBench} from './fan-out.js'
import {pipelineBench} from './pipeline.js'
import {pollingBench} from './polling.js'
import {sharedSandboxBench} from './shared-sandbox.js'
import {startupBench} from './startup.js'
import {transfersBench} from './transfers.js'

const SECTIONS = {
  startup: startupBench,
  polling: pollingBench,
  transfers: transfersBench,
  concurrency: concurrencyBench,
  batch: batchBench,
  'fan-out': fanOutBench,
  pipeline: pipelineBench,
  sandbox: sharedSandboxBench,
}
const wanted = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(SECTIONS)
process.stdout.write(
  `pixverse bench — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB\n`,
)
let failed = false
for (const name of wanted) {
  const section = SECTIONS[name]
  if (!section) {
    process.stderr.write(`unknown section ${name}; choose from ${Object.keys(SECTIONS).join(', ')}\n`)
    process.exitCode = 6
    continue
  }

  try {
    await section()
  } catch (error) {
    failed = true
    process.stderr.write(`${name}: ${error.stack ?? error}\n`)
  }
}

if (failed) process.exitCode = 1
