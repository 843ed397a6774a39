export { COMPONENTS, COMPONENT_LABELS, isComponent, type Component } from './components'
export type {
  Awaiting,
  ComponentHealth,
  Confidence,
  ComponentStatus,
  Diagnosis,
  DiagnosisContext,
  Evidence,
  Finding,
  ServiceLevels,
  Severity,
  Verdict
} from './diagnosis-types'
export { diagnose, diagnoseEvidence } from './diagnose'
export { SessionEvidenceBuilder } from './evidence-builder'
export { FoldedSession } from './folded-session'
export { verdictFor, severityForUser } from './verdict'
export { readAnswerState, answerDenied, REQUEST_TYPES, type AnswerState } from './answer-state'
export { waitingLine } from './summarise'
export { CONFIDENCE_MEANING } from './confidence-meaning'
export { diagnoseSession, sessionAnswer, type SessionDiagnosisOptions } from './diagnose-session'
export {
  judgeTokenClaims,
  NETRA_TOKEN_AUDIENCE,
  NETRA_TOKEN_ISSUER,
  type TokenJudgement
} from './rules/token-rules'
export { PREFLIGHT_NAMES } from './preflight-vocabulary'
export { EXPECTED_FAULT_DIAGNOSES, type ExpectedFaultDiagnosis } from './expected-fault-diagnoses'
