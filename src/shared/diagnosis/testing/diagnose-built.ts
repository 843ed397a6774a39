import { diagnose } from '../diagnose'
import type { Diagnosis, DiagnosisContext } from '../diagnosis-types'
import type { SessionBuilder } from './session-builder'

/** Diagnose a built session (sandbox context unless overridden; `elapsedMs` = the builder's clock). */
export function diagnoseBuilt(
  builder: SessionBuilder,
  context: Partial<DiagnosisContext> = {}
): Diagnosis & { codes: string[] } {
  const diagnosis = diagnose(builder.model(), {
    environmentKind: 'sandbox',
    elapsedMs: builder.now,
    ...context
  })
  return { ...diagnosis, codes: diagnosis.findings.map((finding) => finding.code) }
}

/** A session start, a valid token and reachable loopback, ready for an upgrade. */
export function startedSession(builder: SessionBuilder): SessionBuilder {
  return builder.start().token().reachable().wait(5)
}
