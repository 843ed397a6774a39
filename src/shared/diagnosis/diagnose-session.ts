import type { SessionModel } from '../session-model'
import { diagnose } from './diagnose'
import type { Diagnosis, ServiceLevels } from './diagnosis-types'

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
}

/**
 * Diagnose a session with the context every caller would otherwise assemble by hand:
 * the environment kind from its first record, and the session's age when `nowMs` is given.
 * The UI, the CLI and the exports all call this, so they agree.
 */
export function diagnoseSession(model: SessionModel, options: SessionDiagnosisOptions = {}): Diagnosis {
  const start = model.start
  const elapsedMs = start && options.nowMs !== undefined ? Math.max(0, options.nowMs - start.wallClock) : undefined
  return diagnose(model, {
    environmentKind: start?.environment.kind ?? 'custom',
    nowMs: options.nowMs,
    sla: options.sla,
    silenceMs: options.silenceMs,
    expectedGeneration: options.expectedGeneration,
    elapsedMs
  })
}
