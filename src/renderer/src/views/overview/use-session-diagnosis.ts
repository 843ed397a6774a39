import { useEffect, useState } from 'react'
import { diagnoseSession, type Diagnosis, type ServiceLevels } from '../../../../shared/diagnosis'
import type { SessionModel } from '../../../../shared/session-model'

/** A diagnosis and what it was judged on. */
export type TimedDiagnosis = {
  diagnosis: Diagnosis
  /** The model version it judged (it may trail the newest by one throttle gap during a flood). */
  model: SessionModel
  /** Epoch ms "now" it was judged at for a live session; null for a finished one (judged on its own clock). */
  nowMs: number | null
}

type Run = TimedDiagnosis & { slaKey: string; at: number; costMs: number }

/** An open session is re-judged this often even without new records, so silence shows up. */
export const LIVE_TICK_MS = 2_000
/** Never re-diagnose sooner than this after the last run… */
const MIN_GAP_MS = 120
/** …nor sooner than this many times the last run's cost: a 100 000-frame session (~0.4 s a run) keeps the UI free. */
const COST_FACTOR = 8

function isLive(model: SessionModel): boolean {
  return model.state === 'open' || model.state === 'connecting'
}

// The environment settings the diagnosis reads, as one comparable key.
function slaKeyOf(sla: ServiceLevels | undefined, expectedGeneration: string | null): string {
  return `${sla ? `${sla.dataProcessingMs}/${sla.reportAfterDataMs}/${sla.fullAnswerMs}` : 'default'}|${expectedGeneration ?? ''}`
}

function run(model: SessionModel, sla: ServiceLevels | undefined, expectedGeneration: string | null): Run {
  const nowMs = isLive(model) ? Date.now() : null
  const started = performance.now()
  const diagnosis = diagnoseSession(model, { sla, nowMs: nowMs ?? undefined, expectedGeneration })
  const at = performance.now()
  return { diagnosis, model, nowMs, slaKey: slaKeyOf(sla, expectedGeneration), at, costMs: at - started }
}

/**
 * The diagnosis of `model`, computed only when the model (or the SLA) changes or, while the
 * session is live, on a slow tick — never per render. The first one is computed at once;
 * later ones are throttled by their own cost, so a flood of records stays smooth. Mount it
 * keyed by session, so switching sessions never shows the previous session's verdict.
 */
export function useSessionDiagnosis(
  model: SessionModel,
  sla: ServiceLevels | undefined,
  expectedGeneration: string | null = null
): TimedDiagnosis {
  const [result, setResult] = useState<Run>(() => run(model, sla, expectedGeneration))
  const live = isLive(model)
  const slaKey = slaKeyOf(sla, expectedGeneration)

  useEffect(() => {
    const stale = result.model !== model || result.slaKey !== slaKey
    if (!stale && !live) return
    const gap = Math.max(MIN_GAP_MS, result.costMs * COST_FACTOR)
    const due = result.at + (stale ? gap : Math.max(LIVE_TICK_MS, gap))
    // Re-armed on every new model with the same due time: a trailing-edge throttle that judges the newest.
    const timer = setTimeout(() => setResult(run(model, sla, expectedGeneration)), Math.max(0, due - performance.now()))
    return () => clearTimeout(timer)
  }, [model, sla, expectedGeneration, slaKey, live, result])

  return result
}
