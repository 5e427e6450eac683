import {spawnSync} from 'node:child_process'
import {join} from 'node:path'

/** The bash completion function `pixverse autocomplete` writes into the (isolated) cache dir. */
export function bashScriptIn(cacheDir: string): string {
  return join(cacheDir, 'autocomplete', 'functions', 'bash', 'pixverse.bash')
}

/**
 * Sources the generated bash function in a real bash and asks it to complete `words` (split the
 * way bash splits them: `16:9` is `16 : 9`, `--model=` is `--model =`).
 */
export function complete(script: string, words: string[]): string[] {
  const program = `source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 )); _pixverse_autocomplete; printf '%s\\n' "\${COMPREPLY[@]}"`
  const result = spawnSync('bash', ['--norc', '--noprofile', '-c', program, 'bash', script, ...words], {
    encoding: 'utf8',
  })
  if (result.status !== 0) throw new Error(`bash failed: ${result.stderr}`)
  return result.stdout.split('\n').filter(Boolean)
}
