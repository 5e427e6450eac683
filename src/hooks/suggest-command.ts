import type {Hook} from '@oclif/core'

import {canPrompt} from '../util/person.js'

/**
 * plugin-not-found only shows its "Did you mean …?" inside a prompt, so agents and scripts (no
 * TTY) never saw the suggestion. This prints it on stderr for them; plugin-not-found still ends
 * the run with exit 127 (and keeps its prompt for people at a terminal).
 */
const hook: Hook<'command_not_found'> = async function ({config, id}) {
  if (canPrompt()) return
  const visible = config.commands.filter((c) => !c.hidden).flatMap((c) => [c.id, ...(c.aliases ?? [])])
  let best: string | undefined
  let bestDistance = Number.POSITIVE_INFINITY
  for (const candidate of visible) {
    // Extra words are usually arguments (`task wiat 123`): compare as many words as the candidate has.
    const typed = id.split(':').slice(0, candidate.split(':').length).join(':')
    const distance = levenshtein(typed, candidate)
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance]
  }

  if (best) process.stderr.write(`Did you mean \`${config.bin} ${best.replaceAll(':', config.topicSeparator)}\`?\n`)
}

function levenshtein(a: string, b: string): number {
  let previous = Array.from({length: b.length + 1}, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
    previous = row
  }

  return previous[b.length]
}

export default hook
