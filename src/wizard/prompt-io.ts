import {Readable, Writable} from 'node:stream'

import type {IOStreams, OutputStream} from '../context/streams.js'

/** What @inquirer/prompts takes as its second argument: where a question is read from and drawn. */
export interface PromptContext {
  input: NodeJS.ReadableStream
  output: NodeJS.WritableStream
}

/**
 * The context argument of one prompt, from the command's own streams: answers from its stdin, the
 * question drawn on its stderr (stdout is the result's). Call it once per prompt: a prompt ends its
 * output when it is done, so each gets a fresh writer that forwards to stderr (which stays open).
 */
export function promptContext(streams: Pick<IOStreams, 'stdin' | 'stderr'>): PromptContext {
  const {stdin} = streams
  const input = stdin instanceof Readable ? stdin : Readable.from(stdin)
  return {input, output: forwardingWriter(streams.stderr)}
}

/** A Writable that passes text on to `target` and reports its terminal's size, as a prompt lays lines out by it. */
function forwardingWriter(target: OutputStream): NodeJS.WritableStream {
  const writer = new Writable({
    decodeStrings: false,
    write(chunk: Buffer | string, _encoding, done) {
      target.write(typeof chunk === 'string' ? chunk : chunk.toString('utf8'))
      done()
    },
  })
  return Object.defineProperties(writer, {
    isTTY: {get: () => target.isTTY},
    columns: {get: () => target.columns},
    rows: {get: () => target.rows},
  })
}
