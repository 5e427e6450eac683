import {spawn} from 'node:child_process'

/** Opens an https URL (or a file:// page the CLI wrote, such as report.html) for a person at a terminal; failures are silent (the URL is printed anyway). */
export function openInBrowser(url: string): void {
  if (!/^(https?|file):\/\//.test(url)) return
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['powershell', ['-NoProfile', '-Command', 'Start-Process', url]]
        : ['xdg-open', [url]]
  try {
    const child = spawn(command, args as string[], {detached: true, stdio: 'ignore'})
    child.on('error', () => {})
    child.unref()
  } catch {
    // no browser here: the printed URL is the fallback
  }
}
