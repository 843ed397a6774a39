import { answerDenied, type AnswerState } from './answer-state'
import type { Finding, Severity, Verdict } from './diagnosis-types'

/**
 * Findings that fail a session even when the answer arrived: another user's events on this
 * connection mean the user cannot trust that the answer (or anything on it) is theirs.
 */
const FAILING_EVEN_WHEN_ANSWERED: ReadonlySet<string> = new Set(['websocket-manager.cross-user-leak'])

/**
 * A finding's severity as the user feels it: once the answer arrived, nothing the rules saw
 * stopped the user getting it, so an `error` becomes a `warning` (something is wrong, the
 * answer came anyway) — except an isolation breach.
 */
export function severityForUser(finding: Finding, answer: AnswerState): Severity {
  if (finding.severity !== 'error' || answer.kind !== 'answered') return finding.severity
  return FAILING_EVEN_WHEN_ANSWERED.has(finding.code) ? 'error' : 'warning'
}

/**
 * The one verdict rule, from the user's point of view:
 *
 * - **failing** — the user cannot get an answer: the upgrade was refused, the connection
 *   dropped or closed before the answer, nothing answered the message, the run failed or did
 *   not complete within the answer budget (or the time the caller gave it); also any finding
 *   whose effect on the user is that (`error`).
 * - **degraded** — the answer arrived (or nothing was asked and nothing stops it) but something
 *   is wrong: a missing critical event, the pipeline out of order, a service level breached,
 *   demo mode, an optional service down, a retry needed (`warning`).
 * - **healthy** — nothing wrong (`info` notes at most).
 *
 * `findings` must already carry their user-facing severity (see `severityForUser`).
 */
export function verdictFor(findings: readonly Finding[], answer: AnswerState): Verdict {
  if (answerDenied(answer)) return 'failing'
  if (findings.some((finding) => finding.severity === 'error')) return 'failing'
  if (findings.some((finding) => finding.severity === 'warning')) return 'degraded'
  return 'healthy'
}
