/**
 * The three ends of a command, as the GitHub CLI's IOStreams has them: where text goes and whether a
 * person sees it (a terminal, and how wide). A command reads these from its context, never from
 * `process`, so a host (the MCP server, a test) can give it other ones.
 */
export interface OutputStream {
  write(chunk: string): boolean
  isTTY?: boolean
  columns?: number
  rows?: number
}

export interface InputStream extends AsyncIterable<Buffer | string> {
  isTTY?: boolean
  destroy?(): void
}

export interface IOStreams {
  stdin: InputStream
  stdout: OutputStream
  stderr: OutputStream
}

/** The process's own ends: what every command gets when nobody hands it others. */
export function processStreams(): IOStreams {
  return {stdin: process.stdin, stdout: process.stdout, stderr: process.stderr}
}
