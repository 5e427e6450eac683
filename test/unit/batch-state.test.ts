import {expect} from 'chai'
import {mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {readManifest} from '../../src/batch/manifest.js'
import {BatchState} from '../../src/batch/state.js'
import {ROOT} from '../helpers/cli.js'

const FIXTURE = join(ROOT, 'fixtures', 'batch-old-runner')

describe('batch state', function () {
  it("derives each row's idempotency key exactly as the old runner did (a rerun never pays twice)", function () {
    // Written by the runner before batch ran on the pipeline engine, for a manifest at `manifest`.
    const old = JSON.parse(readFileSync(join(FIXTURE, 'shots.jsonl.state.json'), 'utf8')) as {
      manifest: string
      rows: Array<{row: number; key: string; fingerprint: string}>
    }
    const fresh = new BatchState(join(mkdtempSync(join(tmpdir(), 'pixverse-batch-state-')), 'new.json'), old.manifest)
    const rows = readManifest(join(FIXTURE, 'shots.jsonl')).map((row) => fresh.prepare(row))
    expect(rows.map(({row, key, fingerprint}) => ({row, key, fingerprint}))).to.deep.equal(
      old.rows.map(({row, key, fingerprint}) => ({row, key, fingerprint})),
    )
  })
})
