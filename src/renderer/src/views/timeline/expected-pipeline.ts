/** Triage's decision about the user's data (PROTOCOL.md §4); `null` when no decision was seen. */
export type TriageDecision = 'sufficient' | 'partial' | 'insufficient' | 'unknown'

/** The sequential agent order the platform runs for each triage decision (PROTOCOL.md §4). */
export const EXPECTED_PIPELINES: Readonly<Record<TriageDecision, readonly string[]>> = {
  sufficient: ['triage', 'data', 'optimization', 'actions', 'reporting'],
  partial: ['triage', 'data_helper', 'data', 'reporting'],
  insufficient: ['triage', 'data_helper', 'reporting'],
  unknown: ['data_helper', 'reporting']
}

/** Read a triage decision from triage's output (`data_sufficiency`), liberal in spelling. */
export function readTriageDecision(value: unknown): TriageDecision | null {
  if (typeof value !== 'string') return null
  const word = value.trim().toLowerCase()
  if (word === 'sufficient' || word === 'partial' || word === 'insufficient' || word === 'unknown') return word
  return null
}

/**
 * The decision a run implies when triage's own output is not at hand: no triage agent at all
 * means "unknown"; otherwise the default (insufficient) unless the agents seen say more.
 */
export function inferTriageDecision(agentNames: readonly string[]): TriageDecision {
  const seen = new Set(agentNames)
  if (!seen.has('triage')) return 'unknown'
  if (seen.has('optimization') || seen.has('actions')) return 'sufficient'
  if (seen.has('data') && seen.has('data_helper')) return 'partial'
  if (seen.has('data') && !seen.has('data_helper')) return 'sufficient'
  return 'insufficient'
}
