import type { SessionModel } from '../session-model'
import type { AnswerState } from './answer-state'
import { diagnose, diagnoseEvidence } from './diagnose'
import type { Diagnosis, DiagnosisContext, ServiceLevels } from './diagnosis-types'
import type { SessionEvidenceBuilder } from './evidence-builder'
import { readSessionEvidence } from './session-evidence'

/** What the caller knows beyond the records: the environment's thresholds and the current time. */
export type SessionDiagnosisOptions = {
  /** The environment's SLA thresholds; the platform's promises when absent. */
  sla?: ServiceLevels
  /** Epoch ms now; pass it for a session that may still be open, so silence can be judged. */
  nowMs?: number
  /** How long without a server frame counts as silence (default 45 s). */
  silenceMs?: number
  /** The server generation the environment expects; a contradiction on the wire is a warning. */
  expectedGeneration?: string | null
  /** The env the environment is configured to run as; the server's own word still outranks it. */
  expectedEnv?: string | null
  /** The caller waits no longer (a probe whose time ran out): an answer still awaited never arrived. */
  waitOver?: boolean
}

function contextOf(model: SessionModel, options: SessionDiagnosisOptions): DiagnosisContext {
  const start = model.start
  const elapsedMs = start && options.nowMs !== undefined ? Math.max(0, options.nowMs - start.wallClock) : undefined
  return {
    environmentKind: start?.environment.kind ?? 'custom',
    nowMs: options.nowMs,
    sla: options.sla,
    silenceMs: options.silenceMs,
    expectedGeneration: options.expectedGeneration,
    ...(options.expectedEnv !== undefined ? { expectedEnv: options.expectedEnv } : {}),
    waitOver: options.waitOver,
    elapsedMs
  }
}

/**
 * Where the user's answer stands in this session (answered, awaited, overdue, cut off…), by
 * the same rules as the diagnosis: a waiting caller (the probe) can stop as soon as it is
 * settled, whatever the server calls its Supervisor.
 */
export function sessionAnswer(
  model: SessionModel,
  options: SessionDiagnosisOptions = {},
  builder?: SessionEvidenceBuilder
): AnswerState {
  // A caller that asks after every batch passes its builder: only the new records are read.
  const context = contextOf(model, options)
  return (builder ? builder.evidence(model, context) : readSessionEvidence(model, context)).answer
}

/**
 * Diagnose a session with the context every caller would otherwise assemble by hand:
 * the environment kind from its first record, and the session's age when `nowMs` is given.
 * The UI, the CLI and the exports all call this, so they agree.
 */
export function diagnoseSession(
  model: SessionModel,
  options: SessionDiagnosisOptions = {},
  builder?: SessionEvidenceBuilder
): Diagnosis {
  // A live session re-judged as it grows passes its builder: the same diagnosis, reading only new records.
  return builder ? diagnoseEvidence(builder.evidence(model, contextOf(model, options))) : diagnose(model, contextOf(model, options))
}
