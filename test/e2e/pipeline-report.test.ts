import {expect} from 'chai'
import {mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'

import {ROOT} from '../helpers/cli.js'
import {useSandbox} from '../helpers/sandbox.js'

const ARTIFACTS = join(ROOT, 'test-output', 'artifacts')

/** A pipeline whose report shows every kind of media: images, videos and audio. */
const PIPELINE = `name: report-check
steps:
  - {id: still, mode: image, prompt: "a lighthouse <b>at</b> dusk"}
  - {id: tiles, mode: split, image: "\${still.image}", rows: 1, columns: 2}
  - {id: clip, mode: video, image: "\${still.id}", prompt: "waves & wind"}
  - {id: score, mode: music, prompt: "calm strings", instrumental: true}
  - {id: final, mode: mux, video: "\${clip.video}", audio: "\${score.audio}"}
`

/** Runs in the page: waits for every player's metadata and every image's decoding (15 s each at most). */
const BROWSER_CHECK = `(async () => {
  const within = (promise, what) => Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error(what + ' timed out')), 15000))])
  const players = [...document.querySelectorAll('video, audio')]
  const loaded = await Promise.all(players.map((player) => within(new Promise((resolve, reject) => {
    const done = () => resolve(player.tagName + ' ' + player.duration)
    if (player.readyState >= 1) return done()
    player.addEventListener('loadedmetadata', done)
    player.addEventListener('error', () => reject(new Error(player.currentSrc + ': media error ' + (player.error && player.error.code))))
    player.load()
  }), player.getAttribute('src'))))
  const images = [...document.images]
  await Promise.all(images.map((image) => within(image.decode(), image.getAttribute('src'))))
  return {loaded, images: images.map((image) => image.naturalWidth)}
})()`

describe('pipeline report.html in a real headless browser', function () {
  this.timeout(180_000)
  const ctx = useSandbox()

  it('loads with no console errors or network, every video reaches loadedmetadata, every image decodes', async function () {
    const dir = mkdtempSync(join(tmpdir(), 'pixverse-report-'))
    const file = join(dir, 'report.yaml')
    writeFileSync(file, PIPELINE)
    const out = join(dir, 'out')
    const result = await ctx.cli(['pipeline', 'run', file, '--out', out, '--json'], {timeoutMs: 120_000})
    expect(result.exitCode, result.stderr).to.equal(0)
    const report = result.json<{report: string}>().report
    expect(report).to.equal(join(out, 'report.html'))
    const html = readFileSync(report, 'utf8')
    // Relative links only: no scheme, no absolute path, and the prompt's markup is escaped.
    const links = [...html.matchAll(/(?:src|href)="([^"]*)"/g)].map((m) => m[1])
    expect(links.length).to.be.greaterThan(5)
    for (const link of links) expect(link, link).not.to.match(/^([a-z]+:|\/)/i)
    expect(html).to.include('a lighthouse &lt;b&gt;at&lt;/b&gt; dusk')

    const {default: puppeteer} = await import('puppeteer-core')
    const browser = await puppeteer.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      pipe: true,
      userDataDir: mkdtempSync(join(tmpdir(), 'pixverse-chromium-')),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    })
    try {
      const page = await browser.newPage()
      const problems: string[] = []
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`)
      })
      page.on('pageerror', (error) => problems.push(`page: ${String(error)}`))
      page.on('requestfailed', (request) => problems.push(`failed: ${request.url()}`))
      page.on('request', (request) => {
        // data: URLs are the browser's own media-control icons; anything else but file: is network.
        if (!/^(file|data):/.test(request.url())) problems.push(`network: ${request.url()}`)
      })
      await page.goto(pathToFileURL(report).href, {waitUntil: 'load'})
      // A plain script (not a compiled function: the test runner's transform would add helpers the page lacks).
      const media = (await page.evaluate(BROWSER_CHECK)) as {loaded: string[]; images: number[]}
      expect(problems).to.deep.equal([])
      // clip + final videos, the score, and images: the still and its two tiles.
      expect(media.loaded.filter((m) => m.startsWith('VIDEO'))).to.have.length(2)
      expect(media.loaded.filter((m) => m.startsWith('AUDIO'))).to.have.length(1)
      expect(media.images).to.have.length(3)
      expect(media.images.every((width) => width > 0)).to.equal(true)
      mkdirSync(ARTIFACTS, {recursive: true})
      await page.screenshot({path: join(ARTIFACTS, 'pipeline-report.png'), fullPage: true})
    } finally {
      await browser.close()
    }
  })
})
