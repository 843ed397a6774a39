import type { SessionModel } from '../session-model'
import { componentHealth } from './component-health'
import type { Awaiting, Diagnosis, DiagnosisContext } from './diagnosis-types'
import { contendersOf } from './contenders'
import { orderFindings } from './rank-findings'
import { answerRules } from './rules/answer-rules'
import { closeRules } from './rules/close-rules'
import { cutOffRules } from './rules/cut-off-rules'
import { environmentRules } from './rules/environment-rules'
import { eventRules } from './rules/event-rules'
import { generationRules } from './rules/generation-rules'
import { handshakeRules } from './rules/handshake-rules'
import { healthEndpointRules } from './rules/health-endpoint-rules'
import { identityRules } from './rules/identity-rules'
import { livenessRules } from './rules/liveness-rules'
import { preflightNetworkRules } from './rules/preflight-network-rules'
import { ranked, RANK, type RankedFinding } from './rules/rule-finding'
import { runRules } from './rules/run-rules'
import { tokenRules } from './rules/token-rules'
import { readSessionEvidence, type SessionEvidence } from './session-evidence'
import { summarise } from './summarise'
import { severityForUser, verdictFor } from './verdict'

const RULES: ReadonlyArray<(evidence: SessionEvidence) => RankedFinding[]> = [
  preflightNetworkRules,
  handshakeRules,
  closeRules,
  eventRules,
  identityRules,
  runRules,
  livenessRules,
  healthEndpointRules,
  tokenRules,
  generationRules,
  answerRules,
  environmentRules,
  cutOffRules
]

/** A finding with the severity its effect on the user gives it; a softened error says why. */
function forUser(finding: RankedFinding, evidence: SessionEvidence): RankedFinding {
  const severity = severityForUser(finding, evidence.answer)
  if (severity === finding.severity) return finding
  return {
    ...finding,
    severity,
    explanation: `${finding.explanation} The answer arrived anyway, so this degrades the session rather than failing it.`
  }
}

function awaitingOf(evidence: SessionEvidence): Awaiting | null {
  const { answer } = evidence
  if (answer.kind !== 'awaiting') return null
  return { sinceMs: answer.request.t, elapsedMs: answer.elapsedMs, budgetMs: answer.budgetMs }
}

function noEvidence(evidence: SessionEvidence): RankedFinding[] {
  const { model } = evidence
  if (model.preflight.length > 0 || model.attempts.length > 0 || evidence.events.length > 0) return []
  return [
    ranked(RANK.quality, {
      component: 'server',
      severity: 'info',
      confidence: 'certain',
      code: 'server.no-evidence',
      title: 'Nothing to judge yet',
      explanation: 'The session has no preflight, handshake or frames yet.',
      evidence: [],
      nextSteps: ['Connect, or wait for the first evidence.']
    })
  ]
}

/**
 * Diagnose a session: every rule over the same evidence, each finding's severity set by its
 * effect on the user (`severityForUser`), findings merged and ranked, the verdict by the one
 * rule (`verdictFor`), the health grid, the answer still awaited, and the summary.
 * Pure and deterministic: the same model and context always give the same diagnosis.
 */
export function diagnose(model: SessionModel, context: DiagnosisContext): Diagnosis {
  return diagnoseEvidence(readSessionEvidence(model, context))
}

/**
 * `diagnose` over evidence already read, e.g. batch by batch by a `SessionEvidenceBuilder`
 * (a live session re-judged while it grows reads only its new records).
 */
export function diagnoseEvidence(evidence: SessionEvidence): Diagnosis {
  const raw = [...RULES.flatMap((rule) => rule(evidence)), ...noEvidence(evidence)]
  const ordered = orderFindings(raw.map((finding) => forUser(finding, evidence)))
  const findings = ordered.map(({ rank: _rank, ...finding }) => finding)
  const verdict = verdictFor(findings, evidence.answer)
  const awaiting = awaitingOf(evidence)
  const contenders = contendersOf(ordered)
  return {
    verdict,
    summary: summarise(verdict, findings, evidence, { awaiting, contenders }),
    findings,
    components: componentHealth(evidence, findings),
    awaiting,
    contenders
  }
}
