/**
 * The few service calls the wizard makes to offer real choices (templates, voices, music prices).
 * The create command hands in its API client; nothing here is sent before the person confirms.
 */
export interface WizardService {
  get<T>(path: string, query?: Record<string, string | number | boolean | undefined>): Promise<T>
  post<T>(path: string, body?: unknown): Promise<T>
}
