import type { Confidence, Evidence, Finding, Severity } from '../diagnosis-types'

/**
 * A finding with its rank: among findings of equal severity, the lower rank is the more
 * direct explanation and is listed first (the top finding names the component).
 */
export type RankedFinding = Finding & { rank: number }

/** Ranks, most direct first. */
export const RANK = {
  /** The server named the failing component itself: an error event, a refusal body, a component close. */
  reported: 10,
  /** A close or refusal decoded through the Netra reason table. */
  decoded: 15,
  /** A conclusion drawn from timing or correlation (drops, silence, an unexplained 1011). */
  inferred: 20,
  /** DNS, TCP and TLS preflight checks. */
  reachability: 30,
  /** Health endpoints. */
  health: 40,
  /** Token claims decoded locally. */
  token: 50,
  /** Run and event quality: missing events, order, service levels, malformed frames. */
  quality: 60
} as const

/**
 * What a rule concludes before its evidence is attached; the severity is an error unless it
 * says otherwise, the confidence follows from the rank (what the server said is certain,
 * decoded and inferred causes likely) unless it says otherwise.
 */
export type RuleConclusion = Omit<Finding, 'severity' | 'evidence' | 'confidence'> & {
  rank: number
  severity?: Severity
  confidence?: Confidence
}

/** The confidence a rank implies when a rule does not say: the server's own word is certain. */
export function confidenceOfRank(rank: number): Confidence {
  return rank <= RANK.decoded || rank === RANK.health ? 'certain' : 'likely'
}

/** A conclusion with its evidence: the ranked finding. */
export function concludeWith(conclusion: RuleConclusion, evidence: Evidence[]): RankedFinding {
  const { rank, severity, confidence, ...rest } = conclusion
  return ranked(rank, {
    ...rest,
    severity: severity ?? 'error',
    confidence: confidence ?? confidenceOfRank(rank),
    evidence
  })
}

/** Attach a rank to a finding. */
export function ranked(rank: number, finding: Finding): RankedFinding {
  return { ...finding, rank }
}

/** Milliseconds for people: the shared formatter's `349.7 ms`, `4.20 s`, `3 min 5 s`. */
export { formatDuration as formatMs } from '../../format/duration'
