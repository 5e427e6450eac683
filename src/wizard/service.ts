import {terminalText} from '../util/terminal-text.js'

/**
 * The few service calls the wizard makes to offer real choices (templates, voices, music prices).
 * The create command hands in its API client; nothing here is sent before the person confirms.
 */
export interface WizardService {
  get<T>(path: string, query?: Record<string, string | number | boolean | undefined>): Promise<T>
  post<T>(path: string, body?: unknown): Promise<T>
}

/** A line of a choice list: service strings lose control characters (they go straight to a terminal). */
export function printable(value: unknown): string {
  return terminalText(String(value ?? '')).trim()
}
