import type { AttemptEvidence, SessionEvidence } from '../session-evidence'
import type { RankedFinding } from './rule-finding'

/**
 * Did an attempt end well: connected, and still open, closed normally, or closed by the client
 * (a user's Disconnect is never a failure, even when the server's close frame never came).
 */
export function attemptSucceeded(attempt: AttemptEvidence): boolean {
  const { handshake, close } = attempt.view
  if (!handshake?.ok) return false
  return close === null || close.initiator === 'client' || (close.clean && close.code === 1000)
}

/**
 * Retries keep every attempt's evidence; a failure that a later attempt recovered from is
 * real but transient, so it degrades the verdict instead of failing it.
 */
export function softenIfRecovered(
  findings: RankedFinding[],
  attempt: AttemptEvidence,
  evidence: SessionEvidence
): RankedFinding[] {
  const last = evidence.attempts[evidence.attempts.length - 1]
  if (!last || last === attempt || !attemptSucceeded(last)) return findings
  return findings.map((finding) =>
    finding.severity === 'error'
      ? {
          ...finding,
          severity: 'warning',
          title: `${finding.title} (attempt ${attempt.view.attempt}; a later attempt succeeded)`,
          explanation: `${finding.explanation} Attempt ${last.view.attempt} of ${last.view.of} then connected, so the problem was transient.`
        }
      : finding
  )
}

/** Evidence label for an attempt, empty for a session without retries. */
export function attemptLabel(attempt: AttemptEvidence): string {
  return attempt.view.of > 1 ? ` (attempt ${attempt.view.attempt} of ${attempt.view.of})` : ''
}
