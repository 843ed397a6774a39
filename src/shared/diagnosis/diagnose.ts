import type { SessionModel } from '../session-model'
import { componentHealth } from './component-health'
import type { Diagnosis, DiagnosisContext, Finding, Verdict } from './diagnosis-types'
import { rankFindings } from './rank-findings'
import { closeRules } from './rules/close-rules'
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
  generationRules
]

function verdictOf(findings: readonly Finding[]): Verdict {
  if (findings.some((finding) => finding.severity === 'error')) return 'failing'
  if (findings.some((finding) => finding.severity === 'warning')) return 'degraded'
  return 'healthy'
}

function noEvidence(evidence: SessionEvidence): RankedFinding[] {
  const { model } = evidence
  if (model.preflight.length > 0 || model.attempts.length > 0 || evidence.events.length > 0) return []
  return [
    ranked(RANK.quality, {
      component: 'server',
      severity: 'info',
      code: 'server.no-evidence',
      title: 'Nothing to judge yet',
      explanation: 'The session has no preflight, handshake or frames yet.',
      evidence: [],
      nextSteps: ['Connect, or wait for the first evidence.']
    })
  ]
}

/**
 * Diagnose a session: every rule over the same evidence, findings merged and ranked, the
 * verdict (failing on any error, degraded on warnings), the health grid and the summary.
 * Pure and deterministic: the same model and context always give the same diagnosis.
 */
export function diagnose(model: SessionModel, context: DiagnosisContext): Diagnosis {
  const evidence = readSessionEvidence(model, context)
  const findings = rankFindings([...RULES.flatMap((rule) => rule(evidence)), ...noEvidence(evidence)])
  const verdict = verdictOf(findings)
  return {
    verdict,
    summary: summarise(verdict, findings, evidence),
    findings,
    components: componentHealth(evidence, findings)
  }
}
