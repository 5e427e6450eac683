#!/usr/bin/env node
// Fails when a tracked file cites a document outside the repository (the design-time spec files
// api.md, models.md, cli-spec.md, lessons.md: their content lives in docs/) or names an absolute path
// of someone's machine. `scripts/fix-citations.sh` rewrites the citations. Run by `npm run lint`.
import {execFileSync} from 'node:child_process'

const git = (...args) => {
  try {
    return execFileSync('git', args, {encoding: 'utf8', maxBuffer: 64 * 1024 * 1024})
  } catch (error) {
    if (error.status === 1) return '' // git grep found nothing
    throw error
  }
}

// These files name the old documents on purpose (what they map to, and how); docs/commands/ is the
// generated command reference, whose `models.md` is the page of the `models` topic next to it.
const EXEMPT = new Set(['scripts/fix-citations.sh', 'scripts/check-citations.js'])
const GENERATED = 'docs/commands/'
const RULES = [
  {
    what: 'cites a spec file outside the repository (use docs/)',
    pattern: String.raw`(^|[^/A-Za-z0-9_.-])((api|models|lessons)\.md|cli-spec)`,
  },
  {
    what: 'names an absolute path of a machine',
    pattern: String.raw`(/work/|/home/[a-z]|/Users/[A-Za-z]|/root/|[A-Z]:\\Users\\)`,
  },
]

const findings = RULES.flatMap(({what, pattern}) =>
  git('grep', '-nIE', pattern, '--', '.', ':!package-lock.json')
    .split('\n')
    .filter((line) => line && !EXEMPT.has(line.split(':')[0]) && !line.startsWith(GENERATED))
    .map((line) => `${line.slice(0, 200)}\n    → ${what}`),
)
if (findings.length > 0) {
  console.error(`${findings.length} line(s) point outside the repository:\n${findings.join('\n')}`)
  console.error('Fix: scripts/fix-citations.sh (citations), or a repository-relative path.')
  process.exit(1)
}
