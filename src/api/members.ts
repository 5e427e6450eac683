/** Membership labels of docs/protocol.md §3.16. */
const LABELS: Record<number, string> = {0: 'Free', 1: 'Standard', 2: 'Pro', 3: 'Premium', 6: 'Elite', 8: 'Ultra'}

export function memberLabel(type: number): string {
  return LABELS[type] ?? (Number.isFinite(type) ? `Member ${type}` : 'Unknown')
}
