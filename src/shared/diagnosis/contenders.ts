import type { Component } from './components'
import type { Confidence } from './diagnosis-types'
import type { RankedFinding } from './rules/rule-finding'

const STRENGTH: Readonly<Record<Confidence, number>> = { certain: 0, likely: 1, possible: 2 }

/** Ranks a step apart (20 and 21) are the same directness; the RANK levels are 5 or more apart. */
function band(rank: number): number {
  return Math.floor(rank / 5)
}

/**
 * The components that explain the session equally well: when the top finding is not certain,
 * every other component with a finding of the same severity, the same directness (rank) and
 * at least the same confidence competes with it. The top's component comes first; empty when
 * one explanation clearly leads (a certain top, or no rival). A consequence (a close before
 * the answer, ranked lower) never competes with its cause.
 */
export function contendersOf(ordered: readonly RankedFinding[]): Component[] {
  const top = ordered[0]
  if (!top || top.severity === 'info' || top.confidence === 'certain') return []
  const rivals = ordered.filter(
    (finding) =>
      finding.component !== top.component &&
      finding.severity === top.severity &&
      band(finding.rank) === band(top.rank) &&
      STRENGTH[finding.confidence] <= STRENGTH[top.confidence]
  )
  if (rivals.length === 0) return []
  return [top.component, ...new Set(rivals.map((finding) => finding.component))]
}
