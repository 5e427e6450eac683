import {mkdtempSync, rmSync, statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {BIN, startSandbox} from './lib/sandbox.js'
import {repeat, runOnce} from './lib/run-process.js'
import {fmt, median, report} from './lib/stats.js'

const CHILD = new URL('./lib/download-child.js', import.meta.url).pathname
const MB = Number(process.env.BENCH_DOWNLOAD_MB ?? 1024)
const RUNS = Number(process.env.BENCH_TRANSFER_RUNS ?? 3)

async function download(mode, url) {
  const dir = mkdtempSync(join(tmpdir(), 'pixverse-bench-dl-'))
  try {
    const result = await runOnce(process.execPath, [CHILD, mode, url, dir], {rss: true})
    if (result.code !== 0) throw new Error(`${mode} download failed: ${result.stderr}`)
    const file = join(dir, mode === 'cli' ? 'bench.bin' : 'plain.bin')
    return {...result, bytes: statSync(file).size}
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
}

export async function transfersBench() {
  const sandbox = await startSandbox()
  try {
    const bytes = MB * 1024 * 1024
    const url = `${sandbox.origin}/_blob/${bytes}`
    const plain = await repeat(RUNS, () => download('plain', url))
    const ours = await repeat(RUNS, () => download('cli', url))
    if (ours.some((r) => r.bytes !== bytes)) throw new Error('download size mismatch')
    const plainRate = bytes / median(plain.map((r) => r.ms))
    const ourRate = bytes / median(ours.map((r) => r.ms))
    const peak = Math.max(...ours.map((r) => r.peakKb))
    report(
      `download ${MB} MiB`,
      `${fmt.rate(ourRate)} = ${fmt.ratio(ourRate / plainRate)} of a plain stream copy (${fmt.rate(plainRate)}; target ≥ 0.80x)`,
      ourRate / plainRate >= 0.8,
    )
    report(
      `download ${MB} MiB: peak RSS`,
      `${fmt.mib(peak)} (plain copy ${fmt.mib(Math.max(...plain.map((r) => r.peakKb)))}; target ≤ 100 MiB)`,
      peak <= 100 * 1024,
    )

    const cut = await repeat(RUNS, () => download('cli', `${url}?cut=${Math.floor(bytes / 2)}`))
    if (cut.some((r) => r.bytes !== bytes)) throw new Error('resumed download size mismatch')
    report(
      'download resumed after a cut at 50%',
      `${fmt.ms(median(cut.map((r) => r.ms)))} vs ${fmt.ms(median(ours.map((r) => r.ms)))} uncut = ${fmt.ratio(median(cut.map((r) => r.ms)) / median(ours.map((r) => r.ms)))}, complete file`,
    )

    const upload = await uploadFigure(sandbox)
    return {plainRate, ourRate, peak, upload}
  } finally {
    await sandbox.stop()
  }
}

/** A 4000×3000 photo is shrunk to 1920 px before upload; compared with a small image. */
async function uploadFigure(sandbox) {
  const {default: sharp} = await import('sharp')
  const dir = mkdtempSync(join(tmpdir(), 'pixverse-bench-up-'))
  const big = join(dir, 'big.jpg')
  const small = join(dir, 'small.jpg')
  const noise = Buffer.alloc(4000 * 3000 * 3)
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 2_654_435_761) >>> 24
  await sharp(noise, {raw: {width: 4000, height: 3000, channels: 3}})
    .jpeg({quality: 95})
    .toFile(big)
  await sharp(noise, {raw: {width: 4000, height: 3000, channels: 3}})
    .resize(640, 480)
    .jpeg()
    .toFile(small)
  const args = (image) => [BIN, 'create', 'video', '--prompt', 'upload bench', '--image', image, '--no-wait', '--json']
  const bigRuns = await repeat(RUNS, () => runOnce(process.execPath, args(big), {env: sandbox.env, rss: true}))
  const smallRuns = await repeat(RUNS, () => runOnce(process.execPath, args(small), {env: sandbox.env}))
  if (bigRuns.some((r) => r.code !== 0)) throw new Error(`upload failed: ${bigRuns[0].stderr}`)
  const bigMs = median(bigRuns.map((r) => r.ms))
  const smallMs = median(smallRuns.map((r) => r.ms))
  report(
    'upload 4000×3000 JPEG (resized)',
    `${fmt.ms(bigMs)} vs ${fmt.ms(smallMs)} for 640×480 = ${fmt.ratio(bigMs / smallMs)}, ${(statSync(big).size / 1024 / 1024).toFixed(1)} MB source, peak RSS ${fmt.mib(Math.max(...bigRuns.map((r) => r.peakKb)))}`,
  )
  rmSync(dir, {recursive: true, force: true})
  return {bigMs, smallMs}
}
