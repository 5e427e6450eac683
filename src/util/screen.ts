/** What human text is rendered for: a width to fit (a terminal's; none for a pipe) and whether colour helps. */
export interface Screen {
  columns?: number
  colour: boolean
}

/** A pipe or a file: whole cells, no escape sequences. */
export const PLAIN_SCREEN: Screen = {colour: false}

/**
 * Kept on `globalThis`, like the command context's scope: a second copy of this module (a plugin's
 * own copy of `pixverse`, a loader that instantiates a file twice) renders for the same screen.
 */
const SCREEN_KEY = Symbol.for('pixverse.screen')
const holder = ((globalThis as Record<symbol, unknown>)[SCREEN_KEY] ??= {current: PLAIN_SCREEN}) as {current: Screen}

/**
 * Renders for one screen: table widths and colour inside `render` come from it. Rendering is
 * synchronous, so the screen cannot leak into another command's text (the MCP server runs several).
 */
export function renderFor<T>(screen: Screen, render: () => T): T {
  const before = holder.current
  holder.current = screen
  try {
    return render()
  } finally {
    holder.current = before
  }
}

/** The screen being rendered for; outside `renderFor`, a plain one. */
export function currentScreen(): Screen {
  return holder.current
}
