/** The browser side of the device flow: the page verification_uri_complete opens. */

function escapeHtml(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => ({'<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&#39;', '"': '&quot;'})[c]!)
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · PixVerse sandbox</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}
code{font-size:2rem;letter-spacing:.2rem;background:#f3f3f3;padding:.3rem .6rem;border-radius:.3rem}
button{font-size:1.1rem;padding:.6rem 1.4rem;margin-top:1.5rem;cursor:pointer}input{font-size:1.2rem;padding:.4rem}</style>
</head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>
`
}

export function approvePage(userCode: string): string {
  return page(
    'Authorize the PixVerse CLI',
    `<p>A device is asking to sign in to the <strong>PixVerse sandbox</strong> account. Check that this code matches the one shown in your terminal:</p>
<p><code id="user-code">${escapeHtml(userCode)}</code></p>
<form method="post" action="/device/approve">
<input type="hidden" name="user_code" value="${escapeHtml(userCode)}">
<button type="submit" id="approve">Approve</button>
</form>`,
  )
}

export function enterCodePage(message = ''): string {
  return page(
    'Enter your device code',
    `${message ? `<p>${escapeHtml(message)}</p>` : ''}<form method="get" action="/device">
<input name="user_code" placeholder="ABCD-1234" autofocus> <button type="submit">Continue</button></form>`,
  )
}

export function approvedPage(): string {
  return page('Device approved', '<p id="done">The CLI is now signed in. You can close this tab.</p>')
}
