import {spawn} from 'node:child_process'

/**
 * The program and argv that open a URL on a platform. No shell and no `-Command` string anywhere:
 * the URL is one argv entry, so `&`, `;` or quotes in a server-supplied URL cannot run anything.
 */
export function browserCommand(url: string, platform: NodeJS.Platform = process.platform): [string, string[]] {
  if (platform === 'darwin') return ['open', [url]]
  if (platform === 'win32') return ['rundll32', ['url.dll,FileProtocolHandler', url]]
  return ['xdg-open', [url]]
}

/**
 * Opens an https URL (or a file:// page the CLI wrote, such as report.html) for a person at a terminal;
 * failures are silent (the URL is printed anyway).
 */
export function openInBrowser(url: string): void {
  // Printable ASCII only: a URL from the service with control characters or spaces is not opened.
  if (!/^(https?|file):\/\/[\x21-\x7e]+$/.test(url)) return
  const [command, args] = browserCommand(url)
  try {
    // spawn without `shell`: the argv reaches the program as it is (detached so the browser outlives us).
    const child = spawn(command, args, {detached: true, stdio: 'ignore', windowsHide: true})
    child.on('error', () => {})
    child.unref()
  } catch {
    // no browser here: the printed URL is the fallback
  }
}
