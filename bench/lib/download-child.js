// Child process for the transfer benchmark: one download, either through the CLI's own
// downloadFile (streamed, .part, resumable) or a plain Node stream copy as the baseline.
import {createWriteStream} from 'node:fs'
import {get} from 'node:http'
import {join} from 'node:path'
import {pipeline} from 'node:stream/promises'

const [mode, url, dir] = process.argv.slice(2)
if (mode === 'cli') {
  const {downloadFile} = await import('../../dist/api/download.js')
  await downloadFile(url, dir, 'bench.bin')
} else {
  await new Promise((resolve, reject) => {
    get(url, (response) => pipeline(response, createWriteStream(join(dir, 'plain.bin'))).then(resolve, reject)).on(
      'error',
      reject,
    )
  })
}
