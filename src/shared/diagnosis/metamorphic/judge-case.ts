import type { FrameRecord } from '../../api/frame-record'
import { applyRecords, createSessionModel } from '../../session-model'
import { diagnose } from '../diagnose'
import type { Diagnosis, DiagnosisContext } from '../diagnosis-types'
import type { Expectation } from './metamorphic-cases'

/**
 * Diagnose transformed records as the app would: the real reducer, then the diagnosis in the
 * case's context, with the environment kind the (possibly rewritten) session-start names.
 */
export function diagnoseRecords(records: readonly FrameRecord[], context: DiagnosisContext): Diagnosis {
  const model = applyRecords(createSessionModel('metamorphic'), [...records])
  return diagnose(model, { ...context, environmentKind: model.start?.environment.kind ?? context.environmentKind })
}

/** Why a diagnosis breaks the expectation, in one line; null when it holds. */
export function expectationBroken(diagnosis: Diagnosis, expected: Expectation): string | null {
  const top = diagnosis.findings[0]
  const findings = diagnosis.findings.map((finding) => `${finding.severity} ${finding.code}`).join(', ') || 'none'
  if (expected === 'healthy') {
    const loud = diagnosis.findings.filter((finding) => finding.severity !== 'info')
    if (diagnosis.verdict === 'healthy' && loud.length === 0) return null
    return `expected healthy with no warnings, got ${diagnosis.verdict} (findings: ${findings})`
  }
  if (top?.component === expected.topComponent && diagnosis.verdict === expected.verdict) return null
  return `expected ${expected.topComponent} · ${expected.verdict}, got ${top?.component ?? '—'} · ${diagnosis.verdict} (findings: ${findings})`
}
